import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathOf } from '../access-log.mjs';

test('pathOf: the path of a request URL, as URL#pathname gives it', () => {
  for (const url of ['http://127.0.0.1:4000/graphql?documentId=x', 'http://h/healthcheck', 'http://h', 'http://h/graphql#f', 'http://h:1/a/b']) {
    assert.equal(pathOf(url), new URL(url).pathname, url);
  }
});
