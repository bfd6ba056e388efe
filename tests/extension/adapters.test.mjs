// Unit: each site adapter finds the right elements on saved fixture HTML of that site.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { adapterFor, generic } from '../../extension/src/sites/index.js';
import x from '../../extension/src/sites/x.js';
import facebook from '../../extension/src/sites/facebook.js';
import linkedin from '../../extension/src/sites/linkedin.js';
import instagram from '../../extension/src/sites/instagram.js';
import {
  accountButtonFor, accountFieldFor, accountOf, attachmentsIn, composerFor, contactFor, submitFor,
} from '../../extension/src/content/locate.js';
import { readComposers } from '../../extension/src/content/request.js';
import { loadFixture, domOf } from './dom.mjs';

const testids = (els) => els.map((el) => el.getAttribute('data-testid'));

describe('adapterFor', () => {
  test('picks each site by host name and falls back to generic', () => {
    assert.equal(adapterFor('x.com'), x);
    assert.equal(adapterFor('twitter.com'), x);
    assert.equal(adapterFor('www.facebook.com'), facebook);
    assert.equal(adapterFor('www.linkedin.com'), linkedin);
    assert.equal(adapterFor('www.instagram.com'), instagram);
    assert.equal(adapterFor('example.org'), generic);
  });
});

describe('X adapter', () => {
  const { document } = loadFixture('x-home.html', 'https://x.com/home');

  test('the inline Post button submits the Draft.js composer next to it, as a post', () => {
    const label = document.querySelector('[data-testid="tweetButtonInline"] span span');
    const hit = submitFor(x, label, '/home');
    assert.equal(hit.button.getAttribute('data-testid'), 'tweetButtonInline');
    assert.deepEqual(testids(hit.composers), ['tweetTextarea_0']);
    assert.equal(hit.context, 'post');
    assert.equal(readComposers(hit.composers).text, 'Well done Oliver Bennett');
  });

  test('a thread in the reply modal sends every composer, as a reply', () => {
    const hit = submitFor(x, document.querySelector('[data-testid="tweetButton"]'), '/home');
    assert.deepEqual(testids(hit.composers), ['tweetTextarea_0', 'tweetTextarea_1']);
    assert.equal(hit.context, 'reply');
    assert.equal(readComposers(hit.composers).text, 'Reply one\n\nReply two');
  });

  test('Ctrl+Enter inside a composer finds that composer and its button', () => {
    const span = document.querySelector('[data-testid="primaryColumn"] [data-text="true"]');
    const found = composerFor(x, span, '/home');
    assert.equal(found.composer.getAttribute('data-testid'), 'tweetTextarea_0');
    assert.equal(found.button.getAttribute('data-testid'), 'tweetButtonInline');
  });

  test('a status page makes the inline composer a reply', () => {
    const hit = submitFor(x, document.querySelector('[data-testid="tweetButtonInline"]'), '/jo/status/123');
    assert.equal(hit.context, 'reply');
  });

  test('attachments and the account handle', () => {
    const hit = submitFor(x, document.querySelector('[data-testid="tweetButtonInline"]'), '/home');
    assert.deepEqual(attachmentsIn(x, hit.scope), [{ type: 'image', name: 'Sports day' }]);
    assert.deepEqual(accountOf(x, document), { kind: 'personal', handle: '@jo_teaches' });
  });

  test('Follow in a user cell names the person', () => {
    const hit = contactFor(x, document.querySelector('[data-testid$="-follow"] span'));
    assert.equal(hit.context, 'follow');
    assert.equal(hit.name, 'Oliver Bennett');
  });

  test('other buttons are not submits', () => {
    assert.equal(submitFor(x, document.querySelector('[data-testid="AppTabBar_Home_Link"]'), '/home'), null);
    assert.equal(contactFor(x, document.querySelector('[data-testid="tweetButton"]')), null);
  });

  test('login flow: the username field and the Next button, not "Forgot password?"', () => {
    const login = loadFixture('x-login.html', 'https://x.com/i/flow/login').document;
    const input = login.querySelector('input[name="text"]');
    assert.deepEqual(accountFieldFor(x, generic, input), { context: 'login', field: input });
    const [next, forgot] = login.querySelectorAll('button');
    const hit = accountButtonFor(x, generic, next.querySelector('span'));
    assert.equal(hit.context, 'login');
    assert.equal(hit.button, next);
    assert.equal(hit.field, input);
    assert.equal(accountButtonFor(x, generic, forgot), null);
  });
});

describe('Facebook adapter', () => {
  const { document } = loadFixture('facebook.html', 'https://www.facebook.com/');

  test('the localised Post button submits the Lexical composer in its dialog', () => {
    const hit = submitFor(facebook, document.querySelector('[role="dialog"] [aria-label="Post"] span'), '/');
    assert.equal(hit.context, 'post');
    assert.equal(hit.composers.length, 1);
    assert.equal(hit.composers[0].getAttribute('aria-label'), "What's on your mind, Jo?");
    assert.equal(readComposers(hit.composers).text, 'Proud to teach at The Crypt School');
    assert.deepEqual(attachmentsIn(facebook, hit.scope), [{ type: 'image', name: 'image' }]);
  });

  test('a comment box is a comment and Enter sends it', () => {
    const box = document.querySelector('[aria-label="Write a comment…"] span');
    const found = composerFor(facebook, box, '/');
    assert.equal(found.context, 'comment');
    assert.equal(found.surface.enterSubmits, true);
    const hit = submitFor(facebook, document.querySelector('[aria-label="Comment"]'), '/');
    assert.equal(hit.context, 'comment');
  });

  test('Add friend names the person', () => {
    const hit = contactFor(facebook, document.querySelector('[aria-label="Add friend"] span'));
    assert.equal(hit.context, 'friend_request');
    assert.equal(hit.name, 'Oliver Bennett');
  });

  test('login (#email) and sign-up (reg_email__)', () => {
    const email = document.querySelector('#email');
    assert.equal(accountFieldFor(facebook, generic, email).context, 'login');
    const hit = accountButtonFor(facebook, generic, document.querySelector('button[name="login"]'));
    assert.equal(hit.field, email);
    const reg = document.querySelector('input[name="reg_email__"]');
    assert.equal(accountFieldFor(facebook, generic, reg).context, 'signup');
    // An empty sign-up field gives the button nothing to check.
    assert.equal(accountButtonFor(facebook, generic, document.querySelector('button[name="websubmit"]')), null);
  });
});

describe('LinkedIn adapter', () => {
  const { document } = loadFixture('linkedin.html', 'https://www.linkedin.com/feed/');

  test('share box post, comment and recommendation', () => {
    const post = submitFor(linkedin, document.querySelector('.share-actions__primary-action span'), '/feed/');
    assert.equal(post.context, 'post');
    assert.equal(readComposers(post.composers).text, 'Proud of our Year 9 team');
    assert.deepEqual(attachmentsIn(linkedin, post.scope), [{ type: 'image', name: 'Team photo' }]);
    const comment = submitFor(linkedin, document.querySelector('.comments-comment-box__submit-button'), '/feed/');
    assert.equal(comment.context, 'comment');
    assert.equal(readComposers(comment.composers).text, 'Great work');
    const recommendation = submitFor(linkedin, document.querySelector('.recommendation-form button'), '/in/sam/');
    assert.equal(recommendation.context, 'recommendation');
    assert.equal(readComposers(recommendation.composers).text, 'Sam is an excellent colleague.');
    assert.deepEqual(accountOf(linkedin, document), { kind: 'personal', name: 'Jo Teacher' });
  });

  test('Connect and Message name the person from their labels', () => {
    const hit = contactFor(linkedin, document.querySelector('button[aria-label$="to connect"] span'));
    assert.deepEqual([hit.context, hit.name], ['friend_request', 'Oliver Bennett']);
    const dm = contactFor(linkedin, document.querySelector('button[aria-label="Message Oliver Bennett"]'));
    assert.deepEqual([dm.context, dm.name], ['message', 'Oliver Bennett']);
  });

  test('login field session_key', () => {
    const hit = accountButtonFor(linkedin, generic, document.querySelector('.login__form button'));
    assert.equal(hit.context, 'login');
    assert.equal(hit.field.getAttribute('name'), 'session_key');
  });
});

describe('Instagram adapter', () => {
  const { document } = loadFixture('instagram.html', 'https://www.instagram.com/');

  test('the caption box and Share', () => {
    const hit = submitFor(instagram, document.querySelector('[role="dialog"] [role="button"]'), '/');
    assert.equal(hit.context, 'post');
    assert.equal(readComposers(hit.composers).text, 'Sports day at The Crypt School');
    assert.equal(attachmentsIn(instagram, hit.scope).length, 1);
  });

  test('Follow and Message on a profile name the account', () => {
    const [follow, message] = document.querySelectorAll('header button');
    const hit = contactFor(instagram, follow.querySelector('div'));
    assert.deepEqual([hit.context, hit.name], ['follow', 'oliver.bennett']);
    const dm = contactFor(instagram, message);
    assert.deepEqual([dm.context, dm.name], ['message', 'oliver.bennett']);
    assert.equal(contactFor(instagram, document.querySelector('h2')), null);
  });

  test('login (username) and e-mail sign-up (emailOrPhone)', () => {
    const login = accountButtonFor(instagram, generic, document.querySelector('#loginForm button'));
    assert.equal(login.context, 'login');
    assert.equal(login.field.getAttribute('name'), 'username');
    const signup = accountButtonFor(instagram, generic, document.querySelector('#signup button'));
    assert.equal(signup.context, 'signup');
    assert.equal(signup.field.getAttribute('name'), 'emailOrPhone');
  });
});

describe('generic adapter', () => {
  test('e-mail fields on unknown layouts, sign-up when a new password is asked for', () => {
    const { document } = domOf(`
      <form id="a"><input type="email" value="jo@cryptschool.example"><button>Go</button></form>
      <form id="b"><input autocomplete="email" value="jo@cryptschool.example"><input type="password" autocomplete="new-password"><button type="submit">Join</button></form>`);
    const login = accountButtonFor(generic, generic, document.querySelector('#a button'));
    assert.equal(login.context, 'login');
    const signupField = document.querySelector('#b input');
    assert.equal(accountFieldFor(generic, generic, signupField).context, 'signup');
    assert.equal(accountButtonFor(generic, generic, document.querySelector('#b button')).context, 'signup');
  });
});
