// Facebook adapter: the Lexical composers, the localised Post button, comments, Messenger, friends, login.

const LEXICAL = '[role="textbox"][data-lexical-editor="true"]';

export default {
  name: 'facebook',
  hosts: ['www.facebook.com', 'facebook.com', 'm.facebook.com', 'web.facebook.com'],
  surfaces: [
    {
      context: 'message',
      composer: `[aria-label^="Message"]${LEXICAL}, [aria-label^="Aa"]${LEXICAL}`,
      submit: 'div[role="button"][aria-label="Press enter to send"], div[role="button"][aria-label="Send"]',
      enterSubmits: true,
      // A chat window's header names the person (Messenger pages and chat heads).
      recipient: {
        nameFrom: ['[role="dialog"]', '[aria-label^="Conversation with"]', '[role="main"]'],
        nameSelector: 'h2 [dir="auto"], h2 span, h1 span, h2, h1',
      },
    },
    {
      context: 'comment',
      composer: `form [aria-label^="Write a comment"]${LEXICAL}, form [aria-label^="Comment as"]${LEXICAL}, [role="article"] form ${LEXICAL}`,
      submit: 'form div[role="button"][aria-label="Comment"], #focused-state-composer-submit [role="button"]',
      enterSubmits: true,
    },
    {
      context: 'post',
      composer: LEXICAL,
      // The Post button is a div[role=button] whose aria-label follows the user's language.
      submit: 'div[role="button"][aria-label]',
      submitLabels: ['Post', 'Publier', 'Posten', 'Publicar', 'Pubblica', 'Plaatsen', 'Opublikuj', 'Lähetä', 'Опубликовать'],
    },
  ],
  // Photo and video previews, searched inside the composer's own dialog or form.
  attachments: 'img[src^="blob:"], img[src^="data:image/jpeg"], img[src^="data:image/png"], video[src^="blob:"], video[poster^="blob:"]',
  account: {},
  login: {
    fields: '#email, input[name="email"]',
    buttons: 'button[name="login"], [data-testid="royal_login_button"], button[type="submit"]',
  },
  signup: {
    fields: 'input[name="reg_email__"], input[name="reg_email_confirmation__"]',
    buttons: 'button[name="websubmit"], button[type="submit"]',
  },
  contact: [
    {
      context: 'friend_request',
      button: 'div[role="button"][aria-label="Add friend"], div[role="button"][aria-label="Add Friend"], div[role="button"][aria-label="Confirm"]',
      nameFrom: ['[role="article"]', '[role="main"]'],
      nameSelector: 'h1, h2, strong a, a[role="link"] span',
    },
    {
      context: 'follow',
      button: 'div[role="button"][aria-label="Follow"]',
      nameFrom: ['[role="article"]', '[role="main"]'],
      nameSelector: 'h1, h2, strong a',
    },
    {
      context: 'message',
      button: 'div[role="button"][aria-label="Message"]',
      nameFrom: ['[role="main"]'],
      nameSelector: 'h1',
    },
  ],
};
