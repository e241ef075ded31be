import { Alert, Button } from 'antd';
import { errorMessage } from '../../lib/api.ts';

/** A failed load or save, in the server's own words, with a retry when one makes sense. */
export function ErrorAlert({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? errorMessage(error)}
      description={title ? errorMessage(error) : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
