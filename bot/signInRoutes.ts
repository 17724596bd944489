// GET /auth/start and /auth/callback: the browser half of the setup sign-in; the verdict goes back into Teams.
import type restify from 'restify';
import { SignInService } from '../services/auth/signInService.js';
import type { PendingSignIn } from '../services/store/storeData.js';
import type { SignInOutcome } from '../dialogs/setup/setupServices.js';
import { isAppError } from '../services/errors.js';
import type { Logger } from './logger.js';
import type { SignInFinisher } from './signInFinisher.js';

export interface SignInRoutesDeps {
  signIn: SignInService;
  finisher: SignInFinisher;
  /** Continues the conversation the sign-in started in, with the verdict. */
  deliver: (pending: Omit<PendingSignIn, 'verifier'>, outcome: SignInOutcome) => Promise<void>;
  log: Logger;
}

export function registerSignInRoutes(server: restify.Server, deps: SignInRoutesDeps): void {
  server.get('/auth/start', async (req: restify.Request, res: restify.Response) => {
    const state = queryText(req, 'state');
    try {
      const location = await deps.signIn.authorizeUrl(state);
      res.writeHead(302, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      res.end();
    } catch (error) {
      if (!isAppError(error)) deps.log.error({ err: error }, 'sign-in start failed');
      page(
        res,
        400,
        'This sign-in link cannot be used',
        isAppError(error) ? error.userMessage : 'Something went wrong.',
      );
    }
  });

  server.get('/auth/callback', async (req: restify.Request, res: restify.Response) => {
    const callback = {
      state: queryText(req, 'state'),
      code: queryText(req, 'code') || undefined,
      error: queryText(req, 'error') || undefined,
      errorDescription: queryText(req, 'error_description') || undefined,
    };
    let pending: Omit<PendingSignIn, 'verifier'> | undefined;
    try {
      const completed = await deps.signIn.complete(callback);
      pending = completed.pending;
      const outcome = await deps.finisher.verdict(completed.result, pending.tenantId);
      await deps.deliver(pending, outcome);
      if (outcome.ok)
        page(
          res,
          200,
          'You are signed in',
          'You can close this tab and go back to Teams: setup continues there.',
        );
      else
        page(
          res,
          200,
          'This account cannot be used',
          'Go back to Teams: it explains what is wrong and how to fix it. You can close this tab.',
        );
    } catch (error) {
      if (!isAppError(error)) {
        deps.log.error({ err: error }, 'sign-in callback failed');
        page(
          res,
          500,
          'Sign-in failed',
          'Something went wrong on our side. Go back to Teams and press Sign in again.',
        );
        return;
      }
      // A refusal by Microsoft still belongs to a conversation, which gets the explanation too.
      const refused = SignInService.pendingOf(error) ?? pending;
      if (refused && !isAppError(error, 'SIGN_IN_EXPIRED'))
        await deps.deliver(refused, deps.finisher.refusal(error));
      page(res, 400, 'The sign-in did not complete', error.userMessage);
    }
  });
}

function queryText(req: restify.Request, name: string): string {
  const value = new URL(req.url ?? '/', 'http://localhost').searchParams.get(name);
  return value ?? '';
}

function page(res: restify.Response, status: number, title: string, message: string): void {
  const escape = (text: string) =>
    text.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
    );
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(title)} · CSP Integration Bot</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;background:#f5f5f5;color:#242424;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border-radius:8px;box-shadow:0 2px 8px #0002;padding:32px 40px;max-width:480px}h1{font-size:20px;margin:0 0 12px}p{line-height:1.5;margin:0}</style>
</head><body><main><h1>${escape(title)}</h1><p>${escape(message)}</p></main></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}
