// LinkedIn adapter: share box, comments, recommendations, messaging, Connect and login.

export default {
  name: 'linkedin',
  hosts: ['www.linkedin.com', 'linkedin.com'],
  surfaces: [
    {
      context: 'message',
      composer: '.msg-form__contenteditable[contenteditable="true"]',
      submit: 'button.msg-form__send-button',
      // The conversation bubble's title, or the messaging page's thread header.
      recipient: {
        nameFrom: ['.msg-overlay-conversation-bubble', '.msg-convo-wrapper', '.msg-thread', '.scaffold-layout__detail'],
        nameSelector: '.msg-overlay-bubble-header__title, .msg-entity-lockup__entity-title, .msg-thread__link-to-profile h2, h2',
      },
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
  // The share box's preview and the media editor's image (searched in the share dialog).
  attachments: '.share-creation-state__preview img, .share-images__image, .share-creation-state__preview video, [class*="media-editor"] img[src^="blob:"], [class*="image-editor"] img[src^="blob:"], .share-box-image-preview img',
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
