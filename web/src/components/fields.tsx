import { List, PasswordInput, Text, TextInput, ThemeIcon, VisuallyHidden, type PasswordInputProps, type TextInputProps } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, passwordRules, type PasswordRule } from '../api/schemas';

const ruleOrder: PasswordRule[] = ['length', 'lower', 'upper', 'digit', 'symbol'];

/**
 * A new password with the pool's rules listed under it, each ticked as it is met (and read out
 * as "met"/"not met" to screen readers, linked with aria-describedby).
 */
export const NewPasswordField = forwardRef<HTMLInputElement, PasswordInputProps & { value?: string }>(
  function NewPasswordField({ value = '', ...props }, ref) {
    const { t } = useTranslation();
    // The rules are the field's description, so Mantine links them to the input (aria-describedby) with any error.
    const rules = (
      <List size="xs" mt={2} spacing={2} listStyleType="none" aria-label={t('password.rulesTitle')} component="ul">
        {ruleOrder.map((rule) => {
          const met = passwordRules[rule](value);
          return (
            <List.Item
              key={rule}
              icon={
                <ThemeIcon size={14} radius="xl" color={met ? 'teal' : 'gray'} variant={met ? 'filled' : 'light'} aria-hidden>
                  <Text size="9px" lh={1}>{met ? '✓' : '•'}</Text>
                </ThemeIcon>
              }
            >
              <Text size="xs" c={met ? 'teal.8' : 'dimmed'} span>
                {t(`password.rules.${rule}`, { min: String(PASSWORD_MIN_LENGTH) })}
              </Text>
              <VisuallyHidden> ({met ? t('password.met') : t('password.notMet')})</VisuallyHidden>
            </List.Item>
          );
        })}
      </List>
    );
    return (
      <PasswordInput
        ref={ref}
        autoComplete="new-password"
        description={rules}
        descriptionProps={{ component: 'div' }}
        inputWrapperOrder={['label', 'input', 'error', 'description']}
        {...props}
      />
    );
  },
);

/** A one-time code from an authenticator app or an email: digits, left-to-right even in Arabic. */
export const CodeField = forwardRef<HTMLInputElement, TextInputProps & { kind?: 'totp' | 'email' }>(function CodeField(
  { kind = 'totp', ...props },
  ref,
) {
  return (
    <TextInput
      ref={ref}
      inputMode="numeric"
      autoComplete="one-time-code"
      dir="ltr"
      maxLength={kind === 'totp' ? 6 : 12}
      styles={{ input: { letterSpacing: '0.2em', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' } }}
      {...props}
    />
  );
});

/** An email address field: labelled "Email", required, left-to-right even in Arabic. */
export const EmailField = forwardRef<HTMLInputElement, TextInputProps>(function EmailField(props, ref) {
  const { t } = useTranslation();
  return <TextInput ref={ref} label={t('fields.email')} type="email" autoComplete="email" dir="ltr" required {...props} />;
});
