#!/usr/bin/env node
'use strict';

// s3rver's command line, with whole-or-nothing writes as S3 and MinIO give them.
//
// s3rver 3.7.1 writes an object's file in place (truncated, then written) and answers the PUT
// once its hashing stream ends, before the file stream has flushed; it writes the metadata files
// in place too. A read that meets a PUT of the same key, even an acknowledged one, can then see
// a short file (the SDK's MD5 check fails) or an empty metadata file (a 500). Here every file of
// an object is written to a temporary name beside it and renamed over the old one, and a PUT is
// answered only after the rename. Temporary names do not end in `._S3rver_object`, so listings
// skip them. Arguments are s3rver's own (`-d <dir> -a <address> -p <port> --silent`).

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { pipeline, Transform } = require('stream');
const FilesystemStore = require('s3rver/lib/stores/filesystem');
const S3Object = require('s3rver/lib/models/object');

// Writes `file` through a temporary file beside it, renamed over it once written and once `ready`
// (which runs in between) has settled.
async function writeAtomically(file, write, ready = async () => {}) {
  const temporary = `${file}.${crypto.randomBytes(8).toString('hex')}.tmp`;
  try {
    await write(temporary);
    await ready();
    await fs.promises.rename(temporary, file);
  } catch (err) {
    await fs.promises.rm(temporary, { force: true });
    throw err;
  }
}

// An object is visible once its file is there (s3rver's reads stat it first), so its metadata and
// MD5 (the ETag) are written before it, never after.
FilesystemStore.prototype.putObject = async function putObject(object) {
  const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
  await fs.promises.mkdir(path.dirname(objectPath), { recursive: true });
  const md5Context = crypto.createHash('md5');
  let size = 0;
  let md5;
  const writeBody = temporary => {
    if (Buffer.isBuffer(object.content)) {
      md5Context.update(object.content);
      size = object.content.length;
      return fs.promises.writeFile(temporary, object.content);
    }
    return new Promise((resolve, reject) => {
      const counting = new Transform({
        transform(chunk, encoding, callback) {
          md5Context.update(chunk, encoding);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      // pipeline settles once the file stream has closed, so the bytes are all in the file.
      pipeline(object.content, counting, fs.createWriteStream(temporary), err => (err ? reject(err) : resolve()));
    });
  };
  await writeAtomically(objectPath, writeBody, () => {
    md5 = md5Context.digest('hex');
    return this.putMetadata(object.bucket, object.key, object.metadata, md5);
  });
  return { size, md5 };
};

// As s3rver's own putMetadata, each file through a temporary one.
FilesystemStore.prototype.putMetadata = async function putMetadata(bucket, key, metadata, md5) {
  const json = Object.fromEntries(
    Object.entries(metadata ?? {}).filter(([name]) => S3Object.ALLOWED_METADATA.includes(name) || name.startsWith('x-amz-meta-')),
  );
  if (md5) {
    await writeAtomically(this.getResourcePath(bucket, key, 'object.md5'), temporary => fs.promises.writeFile(temporary, md5));
  }
  await writeAtomically(this.getResourcePath(bucket, key, 'metadata.json'), temporary =>
    fs.promises.writeFile(temporary, JSON.stringify(json, null, 2)));
};

// As s3rver's own copyObject, each file copied through a temporary one, the object's file last.
FilesystemStore.prototype.copyObject = async function copyObject(srcBucket, srcKey, destBucket, destKey, replacementMetadata) {
  const source = resource => this.getResourcePath(srcBucket, srcKey, resource);
  const destination = resource => this.getResourcePath(destBucket, destKey, resource);
  const copy = resource =>
    writeAtomically(destination(resource), temporary => fs.promises.copyFile(source(resource), temporary));
  const moved = source('object') !== destination('object');
  if (moved) {
    await fs.promises.mkdir(path.dirname(destination('object')), { recursive: true });
    await copy('object.md5');
    if (!replacementMetadata) await copy('metadata.json');
  }
  if (replacementMetadata) await this.putMetadata(destBucket, destKey, replacementMetadata);
  if (moved) await copy('object');
  return this.getMetadata(destBucket, destKey);
};

require('s3rver/bin/s3rver.js');
