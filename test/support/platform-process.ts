/**
 * The local platform in a process of its own, as `npm start` runs it, so a test can
 * SIGKILL it mid-work: `PLATFORM_OPTIONS` (JSON) are the platform's options; the
 * process prints `READY <url>` once it listens.
 */
import { type PlatformOptions, startPlatform } from '@congdoan/local';

const options = JSON.parse(process.env.PLATFORM_OPTIONS ?? '{}') as PlatformOptions;
const platform = await startPlatform({ seed: false, quiet: true, ...options });
process.stdout.write(`READY ${platform.url}\n`);
