// LinkedIn adapter: share box, comments, recommendations, messaging, Connect and login.

export default {
  name: 'linkedin',
  hosts: ['www.linkedin.com', 'linkedin.com'],
  surfaces: [
    {
      context: 'message',
      composer: '.msg-form__contenteditable[contenteditable="true"]',
      submit: 'button.msg-form__send-button',
    },
    {
      context: 'recommendation',
      composer: 'textarea[name="recommendationText"], [data-test-recommendation-text] textarea, form[aria-label*="ecommend"] textarea',
      submit: 'form[aria-label*="ecommend"] button[type="submit"], button[data-test-recommendation-submit]',
    },
    {
      context: 'comment',
      composer: '.comments-comment-box__form .ql-editor[contenteditable="true"], .comments-comment-box-comment__text-editor .ql-editor',
      submit: 'button.comments-comment-box__submit-button, button.comments-comment-box__submit-button--cr',
    },
    {
      context: 'post',
      composer: '.share-creation-state__text-editor .ql-editor[contenteditable="true"], .share-box .ql-editor[contenteditable="true"]',
      submit: 'button.share-actions__primary-action',
    },
  ],
  attachments: '.share-creation-state__preview img, .share-images__image',
  account: {
    name: 'img.global-nav__me-photo',
    nameAttribute: 'alt',
  },
  login: {
    fields: 'input[name="session_key"], #username',
    buttons: 'button[type="submit"], [data-litms-control-urn="login-submit"]',
  },
  signup: {
    fields: 'input[name="email-address"], #email-address, #email-or-phone',
    buttons: 'button[type="submit"], #join-form-submit',
  },
  contact: [
    {
      context: 'friend_request',
      // "Invite Jane Doe to connect"
      button: 'button[aria-label^="Invite"][aria-label$="to connect"]',
      labelPattern: /^Invite (.+) to connect$/,
    },
    {
      context: 'follow',
      button: 'button[aria-label^="Follow "]',
      labelPattern: /^Follow (.+)$/,
    },
    {
      context: 'message',
      button: 'button[aria-label^="Message "]',
      labelPattern: /^Message (.+)$/,
    },
  ],
};
