import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphQLError } from 'graphql';
import { withCodes } from '../error-codes.mjs';

test('adds a code to errors without one and keeps the others', () => {
  const result = withCodes({
    errors: [
      new GraphQLError('Syntax Error: Query depth limit of 20 exceeded, found 21.'),
      new GraphQLError('first must not be negative', { extensions: { code: 'BAD_USER_INPUT' } }),
    ],
  });
  assert.equal(result.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
  assert.equal(result.errors[0].extensions.http.status, 400);
  assert.equal(result.errors[0].message, 'Syntax Error: Query depth limit of 20 exceeded, found 21.');
  assert.equal(result.errors[1].extensions.code, 'BAD_USER_INPUT');
});

test('a variable the router cannot coerce is BAD_USER_INPUT naming the variable', () => {
  const result = withCodes({
    errors: [
      new GraphQLError('Variable "$n" got invalid value 1e+29; Int cannot represent non 32-bit signed integer value: 1e+29'),
      new GraphQLError('Variable "$productId" of required type "ID!" was not provided.'),
    ],
  });
  assert.deepEqual(result.errors.map((e) => [e.extensions.code, e.extensions.argument, e.extensions.http.status]),
    [['BAD_USER_INPUT', 'n', 400], ['BAD_USER_INPUT', 'productId', 400]]);
});

test('leaves results without errors untouched', () => {
  const result = { data: { a: 1 } };
  assert.equal(withCodes(result), result);
});

test("generic auth's UNAUTHORIZED_FIELD_OR_TYPE becomes UNAUTHENTICATED or FORBIDDEN, served with HTTP 200", () => {
  const denied = () =>
    new GraphQLError('Unauthorized field or type', {
      path: ['adminReport'],
      extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', http: { status: 401 } },
    });
  const anonymous = withCodes({ data: { adminReport: null }, errors: [denied()] });
  assert.equal(anonymous.errors[0].extensions.code, 'UNAUTHENTICATED');
  assert.equal(anonymous.errors[0].extensions.http, undefined);
  assert.deepEqual(anonymous.errors[0].path, ['adminReport']);
  const signedIn = withCodes({ data: { adminReport: null }, errors: [denied()] }, { signedIn: true });
  assert.equal(signedIn.errors[0].extensions.code, 'FORBIDDEN');
});
