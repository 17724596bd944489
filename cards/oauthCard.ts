// The OAuth card that lets Teams try single sign-on first, with the bot's own sign-in page as its button.
export const OAUTH_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.oauth';

export interface OAuthCardData {
  text: string;
  signInUrl: string;
  /** Teams echoes the exchange id back in signin/tokenExchange; the uri is webApplicationInfo's resource. */
  exchange: { id: string; uri: string };
}

export function oauthCard(data: OAuthCardData) {
  return {
    contentType: OAUTH_CARD_CONTENT_TYPE,
    content: {
      text: data.text,
      connectionName: 'csp-setup',
      buttons: [{ type: 'signin', title: 'Sign in', value: data.signInUrl }],
      tokenExchangeResource: data.exchange,
    },
  };
}
