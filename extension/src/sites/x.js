// X / Twitter adapter: where X keeps its composers, buttons, login fields and profile details.

const handleIn = (text) => (String(text ?? '').match(/@[A-Za-z0-9_]{1,15}/) ?? [null])[0];

export default {
  name: 'x',
  hosts: ['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com'],
  surfaces: [
    {
      context: 'message',
      composer: '[data-testid="dmComposerTextInput"]',
      submit: '[data-testid="dmComposerSendButton"]',
      enterSubmits: true,
      // The person written to: the conversation's header (full page or the DM drawer).
      recipient: {
        nameFrom: ['[data-testid="DmActivityContainer"]', '[data-testid="DMDrawer"]'],
        nameSelector: '[data-testid="DMConversationHeader"] [dir] > span, [data-testid="DMConversationHeader"] h2 span, [data-testid="DMConversationHeader"] span',
      },
    },
    {
      context: 'profile',
      composer: 'textarea[name="description"]',
      submit: '[data-testid="Profile_Save_Button"]',
    },
    {
      // Draft.js composer; threads have tweetTextarea_0, _1, …
      context: 'post',
      composer: '[data-testid^="tweetTextarea_"][contenteditable="true"]',
      submit: '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]',
      // A composer under a tweet (reply modal) or on a status page is a reply.
      replyWhen: '[data-testid="tweet"]',
      replyPath: /\/status\/\d+/,
    },
  ],
  // The media previews under a composer (photos as blob: <img>, videos and GIFs as <video>); searched in the composer's scope.
  attachments: '[data-testid="attachments"] img, [data-testid="attachments"] video',
  account: {
    handle: '[data-testid="SideNav_AccountSwitcher_Button"]',
    parseHandle: handleIn,
  },
  login: {
    fields: 'input[autocomplete="username"], input[name="text"]',
    buttons: '[data-testid="LoginForm_Login_Button"], [data-testid="ocfEnterTextNextButton"], button[role="button"], [role="button"]',
    buttonLabels: ['Next', 'Log in', 'Sign in', 'Weiter', 'Suivant', 'Siguiente'],
  },
  signup: {
    fields: 'input[name="email"], input[autocomplete="email"]',
    buttons: '[data-testid="ocfSignupNextLink"], button[role="button"], [role="button"]',
    buttonLabels: ['Next', 'Sign up', 'Create account'],
  },
  contact: [
    {
      context: 'follow',
      button: '[data-testid$="-follow"]',
      // The person is named by the user cell or the profile header the button sits in.
      nameFrom: ['[data-testid="UserCell"]', '[data-testid="UserName"]'],
      nameSelector: '[data-testid="UserName"] span, a[role="link"] span',
    },
    {
      context: 'message',
      button: '[data-testid="sendDMFromProfile"]',
      nameFrom: ['[data-testid="primaryColumn"]'],
      nameSelector: '[data-testid="UserName"] span',
    },
  ],
};
