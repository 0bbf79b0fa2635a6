import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSlaConfig } from '../sla/config.js';
import { currentReopenWindow } from './reopen-window.js';

vi.mock('../sla/config.js', () => ({ loadSlaConfig: vi.fn() }));
const load = vi.mocked(loadSlaConfig);

afterEach(() => load.mockReset());

describe('currentReopenWindow', () => {
  it('is the auto-close setting the close mail promises', async () => {
    // Arrange
    load.mockResolvedValue({ policies: [], calendars: new Map(), settings: { autoClose: { enabled: true, afterDays: 3, reopenDays: 30 } } } as never);

    // Act
    const days = await currentReopenWindow();

    // Assess
    expect(days).toBe(30);
  });

  it('falls back to the helpdesk default of 14 days when the settings cannot be read', async () => {
    // Arrange
    load.mockRejectedValue(new Error('table unreachable'));

    // Act
    const days = await currentReopenWindow();

    // Assess
    expect(days).toBe(14);
  });
});
