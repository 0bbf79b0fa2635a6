/** Import-time probe: nothing at all (the child's own fixed cost). */
export const probe = 'empty';
