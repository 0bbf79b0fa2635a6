import { Reference, Stack, Tokenization, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag names an IAM wildcard finding after the resource as it appears in the template,
 * flattened: `${...}` -> `<...>`, `Fn::GetAtt [X, Arn]` -> `<X.Arn>`, `Ref X` -> `<X>`,
 * `Fn::Join` concatenated, `Fn::ImportValue` -> the export name. Same rules as cdk-nag's
 * flattenCfnReference (not part of its public API), so an acknowledgment can name exactly the
 * resource it accepts. Works for values that resolve within the scope's own stack.
 */
export function flattenForNag(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o['Fn::Join']) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flattenForNag).join(delimiter);
    }
    if (o['Fn::Sub']) return flattenForNag(o['Fn::Sub']);
    if (o['Fn::GetAtt']) {
      const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flattenForNag(resource)}.${flattenForNag(attribute)}>`;
    }
    if (o['Fn::ImportValue']) return flattenForNag(o['Fn::ImportValue']);
    if (o.Ref) return `<${flattenForNag(o.Ref)}>`;
  }
  return JSON.stringify(node);
}

/**
 * Acknowledges AwsSolutions-IAM5 for one wildcard resource (e.g. `arn:...:bucket/*`) on the
 * construct that owns the policy. Throws if the resource resolves through another stack, where
 * the final template text is not known yet: import such resources by name instead.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  const stack = Stack.of(scope);
  for (const token of Tokenization.reverseString(resource).tokens) {
    if (token instanceof Reference && Stack.of(token.target) !== stack) {
      throw new Error(`${scope.node.path}: ${token.target.node.path} lives in another stack; import it by name to acknowledge its wildcard`);
    }
  }
  const resolved = stack.resolve(resource);
  const flat = flattenForNag(resolved);
  if (!flat.includes('*')) return;
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason });
}
