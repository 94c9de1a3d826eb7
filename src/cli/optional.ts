/**
 * Optional packages (a browser driver the user may not need) are imported only when used; when
 * one is missing the user gets one line saying what to install, not a stack trace.
 */
import { UsageError } from './errors.ts';

export async function importOptional<T>(name: string, purpose: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : '';
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${name}'`)) {
      throw new UsageError(`${purpose} needs the ${name} package: run \`npm install ${name}\``);
    }
    throw error;
  }
}
