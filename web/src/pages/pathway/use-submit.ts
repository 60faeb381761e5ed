import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { focusFirstInvalid } from '../../hooks';

/**
 * A form's submission: runs `action`, keeps the server's refusal to show (and moves the focus
 * to the first field it names), and says when it is busy. `onError` sees the refusal first.
 */
export function useSubmit(action: () => Promise<void>, onError?: (error: unknown) => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      onError?.(caught);
      setError(caught);
      focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  }

  return { error, busy, onSubmit: (event: SubmitEvent<HTMLFormElement>) => void submit(event) };
}
