// Generic adapter: fallbacks for layouts no site adapter knows (e-mail and user-name fields).

export default {
  name: 'generic',
  hosts: [],
  surfaces: [],
  attachments: null,
  account: {},
  login: {
    fields: 'input[type="email"], input[autocomplete~="username"], input[autocomplete~="email"]',
    buttons: 'button[type="submit"], input[type="submit"], button:not([type])',
  },
  signup: {
    // A form asking for a new password is a sign-up form.
    form: 'form:has(input[autocomplete="new-password"])',
    fields: 'input[type="email"], input[autocomplete~="email"]',
    buttons: 'button[type="submit"], input[type="submit"]',
  },
  contact: [],
};
