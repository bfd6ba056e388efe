// Instagram adapter: caption box and Share, comments, direct messages, Follow, login and e-mail sign-up.

export default {
  name: 'instagram',
  hosts: ['www.instagram.com', 'instagram.com'],
  surfaces: [
    {
      context: 'message',
      composer: 'div[aria-label="Message"][contenteditable="true"]',
      submit: 'div[role="button"]',
      submitLabels: ['Send'],
      enterSubmits: true,
      // The thread's header names the account written to.
      recipient: {
        nameFrom: ['[role="main"]', 'section'],
        nameSelector: 'header h2, header [role="heading"], [aria-label^="Conversation with"] h2, h2',
      },
    },
    {
      context: 'comment',
      composer: 'textarea[aria-label^="Add a comment"]',
      submit: 'div[role="button"], button[type="submit"]',
      submitLabels: ['Post'],
      enterSubmits: true,
    },
    {
      context: 'post',
      composer: 'div[aria-label^="Write a caption"][contenteditable="true"]',
      submit: 'div[role="button"]',
      submitLabels: ['Share'],
    },
  ],
  // The "Create new post" dialog's photo (an <img> or a background-image) and video previews, searched inside that dialog.
  attachments: 'img[src^="blob:"], video[src^="blob:"], video[poster^="blob:"], [style*="background-image"][style*="blob:"]',
  account: {},
  login: {
    fields: 'input[name="username"]',
    buttons: 'button[type="submit"]',
  },
  signup: {
    fields: 'input[name="emailOrPhone"]',
    buttons: 'button[type="submit"]',
  },
  contact: [
    {
      context: 'follow',
      button: 'header button, button',
      buttonLabels: ['Follow', 'Follow Back'],
      nameFrom: ['header'],
      nameSelector: 'h2, h1',
    },
    {
      context: 'message',
      button: 'header button, header div[role="button"]',
      buttonLabels: ['Message'],
      nameFrom: ['header'],
      nameSelector: 'h2, h1',
    },
  ],
};
