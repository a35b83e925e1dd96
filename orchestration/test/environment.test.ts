import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig, readEnvironment } from '@voyager/orchestration';
import { voyagerSetting } from '../src/config/environment.js';

describe('readEnvironment', () => {
  const Schema = z.object({
    MY_URL: z.url().meta({ description: 'x' }),
    MY_PORT: z.coerce.number().int().min(1024).default(8080).meta({ description: 'y' }),
    MY_MODE: z.enum(['a', 'b']).optional().meta({ description: 'z' }),
  });

  it('parses, applies defaults and treats an empty string as unset', () => {
    expect(readEnvironment(Schema, { MY_URL: 'https://example.com', MY_MODE: '', OTHER: 'x' })).toEqual({
      MY_URL: 'https://example.com',
      MY_PORT: 8080,
    });
  });

  it('reports one line per bad variable, naming it and never its value', () => {
    try {
      readEnvironment(Schema, { MY_URL: 'not-a-url-s3cr3t', MY_PORT: 'x-s3cr3t', MY_MODE: 'c-s3cr3t' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems.map((p) => p.split(':')[0])).toEqual(['MY_URL', 'MY_PORT', 'MY_MODE']);
      expect((error as Error).message).not.toContain('s3cr3t');
    }
  });

  it('builds the package error a caller asks for', () => {
    class MyError extends Error {}
    expect(() => readEnvironment(Schema, {}, (p) => new MyError(p.join('\n')))).toThrow(MyError);
  });
});

describe('VoyagerEnvironment', () => {
  it('validates the variables orchestration used to read ad hoc', () => {
    expect(voyagerSetting({}, 'VOYAGER_DBT_RUNNER')).toBe('auto');
    expect(voyagerSetting({ DBT_BIN: '' }, 'DBT_BIN')).toBeUndefined();
    expect(voyagerSetting({ VOYAGER_DBT_FULL_REFRESH: 'TRUE' }, 'VOYAGER_DBT_FULL_REFRESH')).toBe(true);
    expect(voyagerSetting({}, 'VOYAGER_DBT_FULL_REFRESH')).toBe(false);
    expect(() => voyagerSetting({ VOYAGER_DBT_RUNNER: 'dbtt' }, 'VOYAGER_DBT_RUNNER')).toThrow(
      /^VOYAGER_DBT_RUNNER: /,
    );
    // a bad value elsewhere does not stop reading one variable
    expect(voyagerSetting({ VOYAGER_PG_PORT: 'x', AWS_REGION: 'eu-west-1' }, 'AWS_REGION')).toBe('eu-west-1');
  });

  it('stops loadConfig on a bad S3 endpoint, naming it', () => {
    expect(() => loadConfig('/tmp', { VOYAGER_S3_ENDPOINT: 'localhost:9000' })).toThrow(
      /^VOYAGER_S3_ENDPOINT: /,
    );
  });
});
