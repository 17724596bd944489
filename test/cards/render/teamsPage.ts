// The browser page a card is drawn on: a Teams-like chat message around the real renderer's output.

export const CARD_WIDTH = 460;

// Linux has no Segoe UI: alias the name to an installed face, per weight, so bold stays real bold. Liberation
// Sans (Arial metrics, which Debian's chromium recommends) wraps lines about where Segoe UI does; Open Sans
// and Noto Sans look closer but run wider.
const FONT_FACES = `
@font-face {
  font-family: 'Segoe UI';
  font-weight: 100 500;
  src: local('Segoe UI'), local('Selawik'), local('Liberation Sans'), local('LiberationSans'), local('Arial'),
    local('Noto Sans'), local('NotoSans-Regular'), local('Open Sans'), local('OpenSans-Regular');
}
@font-face {
  font-family: 'Segoe UI';
  font-weight: 501 900;
  src: local('Segoe UI Semibold'), local('Selawik Semibold'), local('Liberation Sans Bold'), local('LiberationSans-Bold'),
    local('Arial Bold'), local('Noto Sans SemiBold'), local('NotoSans-SemiBold'), local('Open Sans Semibold');
}`;

// Layered over the designer's Teams styles: the message frame, and today's Teams (Fluent 2) buttons and inputs.
const PAGE_CSS = `
html, body { margin: 0; background: #f5f5f5; }
body { font-family: 'Segoe UI', sans-serif; -webkit-font-smoothing: antialiased; }
#frame { display: inline-flex; align-items: flex-start; gap: 10px; padding: 14px 20px 20px 14px; }
.avatar { width: 32px; height: 32px; border-radius: 6px; }
.message-header { font-size: 12px; line-height: 16px; color: #616161; margin: 0 0 6px 2px; }
.message-header .sender { font-weight: 600; color: #242424; margin-right: 8px; }
#card.teams-card {
  width: ${CARD_WIDTH}px; background: #ffffff; border: 1px solid #e0e0e0; border-radius: 6px; overflow: hidden;
  box-shadow: 0 1px 2px rgba(0, 0, 0, 0.14), 0 0 2px rgba(0, 0, 0, 0.12);
}
.ac-pushButton {
  height: 32px; padding: 0 12px; border: 1px solid #d1d1d1; border-radius: 4px; background: #ffffff;
  color: #242424; font-family: 'Segoe UI', sans-serif; font-size: 14px; font-weight: 600;
}
.ac-pushButton.style-positive, .ac-pushButton.style-emphasis { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
.ac-pushButton.style-destructive { color: #c4314b; }
.ac-textBlock p { margin: 0; }
.ac-textBlock ol, .ac-textBlock ul { margin: 0; padding-left: 22px; }
`;

export interface MessageSender {
  name: string;
  /** A data: URL, since the page loads nothing from the network. */
  avatar: string;
}

export function teamsPageHtml(teamsCss: string, sender: MessageSender): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<style>${FONT_FACES}</style>
<style>${teamsCss}</style>
<style>${PAGE_CSS}</style>
</head>
<body>
<div id="frame">
  <img class="avatar" src="${sender.avatar}" alt="">
  <div>
    <div class="message-header"><span class="sender">${sender.name}</span><span>9:41 AM</span></div>
    <div id="card" class="teams-card"></div>
  </div>
</div>
</body>
</html>`;
}

/**
 * Runs in the page after the renderer's bundle: parses, validates and renders one card, and returns the
 * renderer's events in the shape of `RendererEvent`. Kept as source text: page code must not depend on
 * how tsx compiles this file.
 */
export const RENDER_SCRIPT = `
window.renderSample = function (card, hostConfig) {
  const AC = window.AdaptiveCards;
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  adaptiveCard.parse(card, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...adaptiveCard.validateProperties().validationEvents);
  const host = document.getElementById('card');
  host.replaceChildren();
  const element = adaptiveCard.render();
  if (!element) throw new Error('the renderer drew nothing');
  host.appendChild(element);
  return events.map((e) => {
    const named = e.source instanceof AC.CardObject;
    return {
      event: AC.ValidationEvent[e.event],
      message: e.message,
      sourceType: named ? e.source.getJsonTypeName() : undefined,
      sourceId: named ? e.source.id : undefined,
    };
  });
};
`;
