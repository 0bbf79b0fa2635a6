import { Progress, Stack, Text } from '@mantine/core';

/**
 * An upload in flight: a progress bar and a polite live line, "sending n %" until the file is
 * sent, then `checking` while the API inspects it. Nothing while `fraction` is undefined.
 */
export function UploadProgress({ fraction, label, sending, checking }: { fraction: number | undefined; label?: string; sending: (percent: string) => string; checking: string }) {
  if (fraction === undefined) return null;
  const percent = Math.round(fraction * 100);
  const line = percent >= 100 ? checking : sending(String(percent));
  return (
    <Stack gap={4}>
      <Progress value={percent} aria-label={label ?? line} animated={percent >= 100} />
      <Text size="xs" c="dimmed" aria-live="polite">
        {line}
      </Text>
    </Stack>
  );
}
