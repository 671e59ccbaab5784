// The part of s3rver 3.7.1 (a Koa application; it ships no types) that localS3.ts uses.
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface S3rverOptions {
    directory: string;
    silent?: boolean;
    configureBuckets?: { name: string; configs?: string[] }[];
  }

  /** What s3rver emits as `event` after storing or deleting an object (S3's notification record). */
  export interface S3rverEvent {
    Records: {
      eventName: string;
      requestParameters: { sourceIPAddress: string };
      responseElements: { 'x-amz-request-id': string };
      s3: {
        bucket: { name: string };
        object: { key: string; size?: number; eTag?: string; sequencer: string };
      };
    }[];
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    configureBuckets(): Promise<void>;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    on(event: 'event', listener: (event: S3rverEvent) => void): this;
    logger: { exceptions: { unhandle(): void }; close(): void };
  }
}
