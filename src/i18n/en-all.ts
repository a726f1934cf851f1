import { en, type Messages } from './en';
import { enCli } from './en-cli';
import { enCliBig } from './en-cli-big';
import { enCliRun } from './en-cli-run';

/** Every English message: the page's and the command line's (added by the command, cli/text.ts). */
export const enAll: Messages = { ...en, ...enCli, ...enCliBig, ...enCliRun };
