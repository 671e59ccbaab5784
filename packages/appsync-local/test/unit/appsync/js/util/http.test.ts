// util.http, with the restrictions of the AppSync documentation ("HTTP helpers in util.http").
import { describe, expect, it } from 'vitest';
import { createTestModules } from './testHost.ts';

describe('util.http.copyHeaders', () => {
  it('copies every header except the restricted hop-by-hop ones, whatever their case', () => {
    const { util } = createTestModules();
    const headers = {
      'content-type': 'application/json',
      Authorization: 'Bearer x',
      'x-custom': '1',
      Host: 'example.com',
      'Content-Length': '42',
      connection: 'keep-alive',
      'transfer-encoding': 'chunked',
      expect: '100-continue',
      'keep-alive': 'timeout=5',
      upgrade: 'h2c',
      'proxy-authenticate': 'Basic',
      'proxy-authorization': 'Basic x',
      te: 'trailers',
    };
    expect(util.http.copyHeaders(headers)).toEqual({
      'content-type': 'application/json',
      Authorization: 'Bearer x',
      'x-custom': '1',
    });
  });

  it('returns a new object and an empty one for input that is not a map', () => {
    const { util } = createTestModules();
    const headers = { a: '1' };
    expect(util.http.copyHeaders(headers)).not.toBe(headers);
    expect(util.http.copyHeaders(null)).toEqual({});
  });
});

describe('util.http.addResponseHeader and addResponseHeaders', () => {
  it('adds the documented examples to the response headers of the invocation', () => {
    const { util, host } = createTestModules();
    util.http.addResponseHeader('itemsCount', 7);
    util.http.addResponseHeader('render', 'fast');
    util.http.addResponseHeaders({ headerInt: 12, headerString: 'stringValue', headerObject: { field1: 7, field2: 'string' } });
    expect(host.invocation.responseHeaders).toEqual({
      itemsCount: '7',
      render: 'fast',
      headerInt: '12',
      headerString: 'stringValue',
      headerObject: '{"field1":7,"field2":"string"}',
    });
    expect(host.invocation.appendedErrors).toEqual([]);
  });

  it('keeps the most recent value of a header set twice, names compared case-insensitively', () => {
    const { util, host } = createTestModules();
    util.http.addResponseHeader('x-count', '1');
    util.http.addResponseHeader('X-Count', '2');
    expect(host.invocation.responseHeaders).toEqual({ 'X-Count': '2' });
  });

  it('skips restricted, empty or null headers and reports a ResponseHeaderError for each', () => {
    const { util, host } = createTestModules();
    util.http.addResponseHeader('Content-Type', 'text/plain');
    util.http.addResponseHeader('access-control-allow-origin', '*');
    util.http.addResponseHeader('x-amzn-RequestId', 'x');
    util.http.addResponseHeader('X-Amz-Date', 'x');
    util.http.addResponseHeader('host', 'x');
    util.http.addResponseHeader('', 'x');
    util.http.addResponseHeader('x-empty', null);
    expect(host.invocation.responseHeaders).toEqual({});
    expect(host.invocation.appendedErrors).toHaveLength(7);
    expect(host.invocation.appendedErrors.every((error) => error.errorType === 'ResponseHeaderError')).toBe(true);
  });

  it('refuses headers once the custom headers would exceed 4 KB', () => {
    const { util, host } = createTestModules();
    util.http.addResponseHeader('x-big', 'a'.repeat(4000));
    util.http.addResponseHeader('x-more', 'b'.repeat(200));
    expect(Object.keys(host.invocation.responseHeaders)).toEqual(['x-big']);
    expect(host.invocation.appendedErrors[0]?.message).toMatch(/4 KB/);
  });
});
