//! boto3's S3 client in the lab runtime: round trips, StreamingBody, paginators, errors.

mod boto3_support;

use boto3_support::{handler, run};
use serde_json::json;

#[test]
fn put_and_get_round_trip_with_streaming_body() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.put_object(Bucket='lab-bucket', Key='a.txt', Body='hello\nworld\n', ContentType='text/plain', Metadata={'Owner': 'ada'})
r = s3.get_object(Bucket='lab-bucket', Key='a.txt')
body = r['Body']
return {
    'type': type(body).__name__, 'module': type(body).__module__,
    'text': body.read().decode(), 'again': body.read().decode(),
    'ct': r['ContentType'], 'meta': r['Metadata'], 'len': r['ContentLength'], 'etag': r['ETag'],
    'tz': repr(r['LastModified'].tzinfo), 'lm': r['LastModified'].isoformat(),
    'status': r['ResponseMetadata']['HTTPStatusCode'], 'retry': r['ResponseMetadata']['RetryAttempts'],
}"#,
    ));
    assert_eq!(out["type"], "StreamingBody");
    assert_eq!(out["module"], "botocore.response");
    assert_eq!(out["text"], "hello\nworld\n");
    assert_eq!(out["again"], "");
    assert_eq!(out["ct"], "text/plain");
    assert_eq!(out["meta"], json!({"owner": "ada"}));
    assert_eq!(out["len"], 12);
    assert_eq!(out["etag"], "\"0f723ae7f9bf07744445e93ac5595156\"");
    assert_eq!(out["tz"], "tzutc()");
    assert_eq!(out["lm"], "2026-01-15T12:00:00+00:00");
    assert_eq!(out["status"], 200);
    assert_eq!(out["retry"], 0);
}

#[test]
fn streaming_body_reads_in_pieces() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.put_object(Bucket='lab-bucket', Key='k', Body=b'hello\nworld\n')
get = lambda: s3.get_object(Bucket='lab-bucket', Key='k')['Body']
b = get()
parts = [b.read(3).decode(), b.read().decode(), b.read().decode()]
with get() as raw:
    ctx = raw.read().decode()
return {
    'parts': parts,
    'lines': [l.decode() for l in get().iter_lines()],
    'keepends': [l.decode() for l in get().iter_lines(keepends=True)],
    'chunks': [c.decode() for c in get().iter_chunks(4)],
    'readlines': [l.decode() for l in get().readlines()],
    'iter': [c.decode() for c in get()],
    'ctx': ctx,
}"#,
    ));
    assert_eq!(out["parts"], json!(["hel", "lo\nworld\n", ""]));
    assert_eq!(out["lines"], json!(["hello", "world"]));
    assert_eq!(out["keepends"], json!(["hello\n", "world\n"]));
    assert_eq!(out["chunks"], json!(["hell", "o\nwo", "rld\n"]));
    assert_eq!(out["readlines"], json!(["hello\n", "world\n"]));
    assert_eq!(out["iter"], json!(["hello\nworld\n"]));
    assert_eq!(out["ctx"], "hello\nworld\n");
}

#[test]
fn put_object_accepts_bytes_str_and_file_like_bodies() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.put_object(Bucket='lab-bucket', Key='bytes', Body=b'\x00\xff')
s3.put_object(Bucket='lab-bucket', Key='str', Body='héllo')
s3.put_object(Bucket='lab-bucket', Key='file', Body=io.BytesIO(b'from a file'))
s3.put_object(Bucket='lab-bucket', Key='empty')
read = lambda k: s3.get_object(Bucket='lab-bucket', Key=k)['Body'].read()
return {'bytes': list(read('bytes')), 'str': read('str').decode('utf-8'), 'file': read('file').decode(), 'empty': len(read('empty'))}"#,
    ));
    assert_eq!(out, json!({"bytes": [0, 255], "str": "héllo", "file": "from a file", "empty": 0}));
}

#[test]
fn missing_key_and_bucket_raise_modelled_exceptions() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
out = {}
try:
    s3.get_object(Bucket='lab-bucket', Key='nope.txt')
except s3.exceptions.NoSuchKey as e:
    out['key'] = [type(e).__name__, type(e).__module__, str(e), e.response['Error'], e.operation_name,
                  e.response['ResponseMetadata']['HTTPStatusCode'], isinstance(e, botocore.exceptions.ClientError)]
try:
    s3.get_object(Bucket='no-such-bucket', Key='k')
except s3.exceptions.NoSuchBucket as e:
    out['bucket'] = [str(e), e.response['Error'].get('BucketName')]
try:
    s3.head_object(Bucket='lab-bucket', Key='nope.txt')
except botocore.exceptions.ClientError as e:
    out['head'] = [type(e).__name__, str(e), e.response['Error']]
try:
    s3.create_bucket(Bucket='Bad_Name')
except botocore.exceptions.ClientError as e:
    out['badname'] = [type(e).__name__, e.response['Error']['Code']]
return out"#,
    ));
    assert_eq!(
        out["key"],
        json!([
            "NoSuchKey",
            "botocore.errorfactory",
            "An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.",
            {"Code": "NoSuchKey", "Message": "The specified key does not exist.", "Key": "nope.txt"},
            "GetObject",
            404,
            true
        ])
    );
    assert_eq!(
        out["bucket"],
        json!(["An error occurred (NoSuchBucket) when calling the GetObject operation: The specified bucket does not exist", "no-such-bucket"])
    );
    assert_eq!(
        out["head"],
        json!(["ClientError", "An error occurred (404) when calling the HeadObject operation: Not Found", {"Code": "404", "Message": "Not Found"}])
    );
    assert_eq!(out["badname"], json!(["ClientError", "InvalidBucketName"]));
}

#[test]
fn parameter_validation_matches_botocore_messages() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
msgs = []
def attempt(f):
    try:
        f()
        msgs.append(None)
    except Exception as e:
        msgs.append([type(e).__name__, str(e)])
attempt(lambda: s3.get_object(Bucket='lab-bucket'))
attempt(lambda: s3.get_object(Bucket='lab-bucket', Key='k', Foo=1))
attempt(lambda: s3.get_object(Bucket='lab-bucket', Key=1))
attempt(lambda: s3.get_object(Bucket='lab-bucket', Key=''))
attempt(lambda: s3.get_object(Bucket='a b', Key='k'))
attempt(lambda: s3.put_object(Bucket='lab-bucket', Key='k', Body=5))
attempt(lambda: s3.put_object(Bucket='lab-bucket', Key='k', Metadata={'a': 'é'}))
attempt(lambda: s3.list_objects_v2(Bucket='lab-bucket', MaxKeys='10'))
attempt(lambda: s3.list_buckets(1))
return msgs"#,
    ));
    let m = |i: usize| out[i][1].as_str().unwrap().to_owned();
    assert_eq!(out[0][0], "ParamValidationError");
    assert_eq!(m(0), "Parameter validation failed:\nMissing required parameter in input: \"Key\"");
    assert!(
        m(1).starts_with("Parameter validation failed:\nUnknown parameter in input: \"Foo\", must be one of: Bucket, IfMatch, IfModifiedSince, IfNoneMatch, IfUnmodifiedSince, Key, Range, "),
        "{}",
        m(1)
    );
    assert_eq!(m(2), "Parameter validation failed:\nInvalid type for parameter Key, value: 1, type: <class 'int'>, valid types: <class 'str'>");
    assert_eq!(m(3), "Parameter validation failed:\nInvalid length for parameter Key, value: 0, valid min length: 1");
    assert!(m(4).starts_with("Parameter validation failed:\nInvalid bucket name \"a b\": Bucket name must match the regex \"^[a-zA-Z0-9.\\-_]{1,255}$\" or be an ARN matching the regex \"^arn:(aws).*:(s3|s3-object-lambda):"), "{}", m(4));
    assert_eq!(
        m(5),
        "Parameter validation failed:\nInvalid type for parameter Body, value: 5, type: <class 'int'>, valid types: <class 'bytes'>, <class 'bytearray'>, file-like object"
    );
    assert_eq!(
        m(6),
        "Parameter validation failed:\nNon ascii characters found in S3 metadata for key \"a\", value: \"é\".  \nS3 metadata can only contain ASCII characters. "
    );
    assert_eq!(m(7), "Parameter validation failed:\nInvalid type for parameter MaxKeys, value: 10, type: <class 'str'>, valid types: <class 'int'>");
    assert_eq!(out[8], json!(["TypeError", "list_buckets() only accepts keyword arguments."]));
}

#[test]
fn list_objects_v2_paginator_pages_and_full_result() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
for i in range(5):
    s3.put_object(Bucket='lab-bucket', Key=f'logs/{i} a+b.txt', Body=b'x')
p = s3.get_paginator('list_objects_v2')
pages = list(p.paginate(Bucket='lab-bucket', Prefix='logs/', PaginationConfig={'PageSize': 2}))
full = p.paginate(Bucket='lab-bucket', PaginationConfig={'MaxItems': 3}).build_full_result()
resumed = p.paginate(Bucket='lab-bucket', PaginationConfig={'StartingToken': full['NextToken']}).build_full_result()
return {
    'cls': type(p).__name__,
    'counts': [pg['KeyCount'] for pg in pages],
    'keys': [o['Key'] for pg in pages for o in pg['Contents']],
    'enc': pages[0]['EncodingType'],
    'full': [o['Key'] for o in full['Contents']], 'has_token': 'NextToken' in full,
    'resumed': [o['Key'] for o in resumed['Contents']],
    'search': list(p.paginate(Bucket='lab-bucket').search('Contents[].Size')),
    'can': [s3.can_paginate('list_objects_v2'), s3.can_paginate('get_object')],
}"#,
    ));
    assert_eq!(out["cls"], "S3.Paginator.ListObjectsV2");
    assert_eq!(out["counts"], json!([2, 2, 1]));
    assert_eq!(out["keys"][0], "logs/0 a+b.txt");
    assert_eq!(out["keys"].as_array().unwrap().len(), 5);
    assert_eq!(out["enc"], "url");
    assert_eq!(out["full"], json!(["logs/0 a+b.txt", "logs/1 a+b.txt", "logs/2 a+b.txt"]));
    assert_eq!(out["has_token"], true);
    assert_eq!(out["resumed"], json!(["logs/3 a+b.txt", "logs/4 a+b.txt"]));
    assert_eq!(out["search"], json!([1, 1, 1, 1, 1]));
    assert_eq!(out["can"], json!([true, false]));
}

#[test]
fn fileobj_transfers_and_copy() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.upload_fileobj(io.BytesIO(b'payload'), 'lab-bucket', 'up.bin', ExtraArgs={'ContentType': 'application/octet-stream'})
buf = io.BytesIO()
s3.download_fileobj('lab-bucket', 'up.bin', buf)
s3.copy_object(Bucket='lab-bucket', Key='copy.bin', CopySource={'Bucket': 'lab-bucket', 'Key': 'up.bin'})
copied = s3.get_object(Bucket='lab-bucket', Key='copy.bin')['Body'].read()
errors = []
for f in (lambda: s3.download_fileobj('lab-bucket', 'missing', io.BytesIO()),
          lambda: s3.upload_fileobj(io.BytesIO(b'x'), 'lab-bucket', 'k', ExtraArgs={'Bogus': 1}),
          lambda: s3.copy_object(Bucket='lab-bucket', Key='c', CopySource={'Bucket': 'lab-bucket'})):
    try:
        f()
    except Exception as e:
        errors.append([type(e).__name__, str(e)])
deleted = s3.delete_object(Bucket='lab-bucket', Key='copy.bin')
return {'down': buf.getvalue().decode(), 'copied': copied.decode(), 'errors': errors,
        'delete_status': deleted['ResponseMetadata']['HTTPStatusCode']}"#,
    ));
    assert_eq!(out["down"], "payload");
    assert_eq!(out["copied"], "payload");
    assert_eq!(out["errors"][0], json!(["ClientError", "An error occurred (404) when calling the HeadObject operation: Not Found"]));
    assert_eq!(out["errors"][1][0], "ValueError");
    assert!(out["errors"][1][1].as_str().unwrap().starts_with("Invalid extra_args key 'Bogus', must be one of: ACL, CacheControl"));
    assert_eq!(out["errors"][2], json!(["ParamValidationError", "Parameter validation failed:\nMissing required parameter: 'Key'"]));
    assert_eq!(out["delete_status"], 204);
}

#[test]
fn client_surface_follows_botocore() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
out = {'type': type(s3).__name__, 'mro': [c.__name__ for c in type(s3).__mro__],
       'service': s3.meta.service_model.service_name, 'region': s3.meta.region_name,
       'endpoint': s3.meta.endpoint_url, 'method': s3.list_objects_v2.__name__,
       'waiters': s3.waiter_names}
for name, f in (('attr', lambda: s3.foo), ('notimpl', lambda: s3.put_bucket_policy(Bucket='b', Policy='{}')),
                ('pag', lambda: s3.get_paginator('get_object')), ('waiter', lambda: s3.get_waiter('nope')),
                ('exc', lambda: s3.exceptions.Nope)):
    try:
        f()
    except Exception as e:
        out[name] = [type(e).__name__, str(e)]
s3.create_bucket(Bucket='lab-bucket')
s3.get_waiter('bucket_exists').wait(Bucket='lab-bucket')
out['waited'] = True
return out"#,
    ));
    assert_eq!(out["type"], "S3");
    assert_eq!(out["mro"], json!(["S3", "BaseClient", "object"]));
    assert_eq!(out["service"], "s3");
    assert_eq!(out["region"], "us-east-1");
    assert_eq!(out["endpoint"], "https://s3.amazonaws.com");
    assert_eq!(out["method"], "list_objects_v2");
    assert_eq!(out["waiters"], json!(["bucket_exists", "bucket_not_exists", "object_exists", "object_not_exists"]));
    assert_eq!(out["attr"], json!(["AttributeError", "'S3' object has no attribute 'foo'"]));
    assert_eq!(
        out["notimpl"],
        json!(["NotImplementedError", "labbook's mock s3 does not implement PutBucketPolicy (boto3 method put_bucket_policy)"])
    );
    assert_eq!(out["pag"], json!(["OperationNotPageableError", "Operation cannot be paginated: get_object"]));
    assert_eq!(out["waiter"], json!(["ValueError", "Waiter does not exist: nope"]));
    assert_eq!(out["exc"][0], "AttributeError");
    assert!(out["exc"][1].as_str().unwrap().ends_with(
        "object has no attribute Nope. Valid exceptions are: AccessDenied, AnnotationLimitExceeded, AnnotationNameTooLong, BucketAlreadyExists, BucketAlreadyOwnedByYou, EncryptionTypeMismatch, IdempotencyParameterMismatch, InvalidAnnotationName, InvalidObjectState, InvalidPrefix, InvalidRequest, InvalidWriteOffset, NoSuchAnnotation, NoSuchBucket, NoSuchKey, NoSuchUpload, ObjectAlreadyInActiveTierError, ObjectNotInActiveTierError, TooManyParts, UnsupportedMediaType"
    ));
    assert_eq!(out["waited"], true);
}

#[test]
fn presigned_urls_have_botocores_form() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
from botocore.config import Config
v4 = boto3.client('s3', config=Config(signature_version='s3v4'))
return [s3.generate_presigned_url('get_object', Params={'Bucket': 'lab-bucket', 'Key': 'a b/c+d.txt'}, ExpiresIn=600),
        v4.generate_presigned_url('get_object', Params={'Bucket': 'lab-bucket', 'Key': 'k'}),
        s3.generate_presigned_post('lab-bucket', 'k')['url']]"#,
    ));
    let url = out[0].as_str().unwrap();
    assert!(url.starts_with("https://lab-bucket.s3.amazonaws.com/a%20b/c%2Bd.txt?AWSAccessKeyId=ASIAQLABBOOKEXAMPLE1&Signature="), "{url}");
    assert!(url.contains("&x-amz-security-token=IQoJb3JpZ2luX2VjELABBOOK&Expires="), "{url}");
    let v4 = out[1].as_str().unwrap();
    assert!(v4.starts_with("https://lab-bucket.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAQLABBOOKEXAMPLE1%2F"), "{v4}");
    assert!(v4.contains("%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=") && v4.contains("&X-Amz-Signature="), "{v4}");
    assert_eq!(out[2], "https://lab-bucket.s3.amazonaws.com/");
}

#[test]
fn s3_resource_buckets_objects_and_collections() {
    let out = run(&handler(
        r#"s3 = boto3.resource('s3')
bucket = s3.create_bucket(Bucket='lab-bucket')
bucket.put_object(Key='docs/a.txt', Body=b'alpha')
obj = s3.Object('lab-bucket', 'docs/b.txt')
obj.put(Body='bravo', ContentType='text/plain')
s3.Bucket('lab-bucket').upload_fileobj(io.BytesIO(b'charlie'), 'other/c.txt')
keys = [o.key for o in bucket.objects.all()]
docs = [(o.key, o.size) for o in bucket.objects.filter(Prefix='docs/')]
body = obj.get()['Body'].read().decode()
first = [o.key for o in bucket.objects.limit(1)]
out = {'bucket': repr(bucket), 'obj': repr(obj), 'keys': keys, 'docs': docs, 'body': body, 'len': obj.content_length,
       'ctype': obj.content_type, 'first': first, 'buckets': [b.name for b in s3.buckets.all()],
       'created': repr(s3.Bucket('lab-bucket').creation_date.tzinfo), 'sub': bucket.Object('x').key,
       'summary_cls': type(next(iter(bucket.objects.all()))).__name__}
deleted = bucket.objects.all().delete()
out['deleted'] = sorted(d['Key'] for d in deleted[0]['Deleted'])
out['left'] = [o.key for o in bucket.objects.all()]
return out"#,
    ));
    assert_eq!(out["bucket"], "s3.Bucket(name='lab-bucket')");
    assert_eq!(out["obj"], "s3.Object(bucket_name='lab-bucket', key='docs/b.txt')");
    assert_eq!(out["keys"], json!(["docs/a.txt", "docs/b.txt", "other/c.txt"]));
    assert_eq!(out["docs"], json!([["docs/a.txt", 5], ["docs/b.txt", 5]]));
    assert_eq!(out["body"], "bravo");
    assert_eq!(out["len"], 5);
    assert_eq!(out["ctype"], "text/plain");
    assert_eq!(out["first"], json!(["docs/a.txt"]));
    assert_eq!(out["buckets"], json!(["lab-bucket"]));
    assert_eq!(out["created"], "tzutc()");
    assert_eq!(out["sub"], "x");
    assert_eq!(out["summary_cls"], "s3.ObjectSummary");
    assert_eq!(out["deleted"], json!(["docs/a.txt", "docs/b.txt", "other/c.txt"]));
    assert_eq!(out["left"], json!([]));
}

#[test]
fn ranges_list_objects_v1_and_delimiters() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.put_object(Bucket='lab-bucket', Key='data.bin', Body=b'0123456789')
for k in ('a/1', 'a/2', 'b/1', 'top'):
    s3.put_object(Bucket='lab-bucket', Key=k, Body=b'x')
part = s3.get_object(Bucket='lab-bucket', Key='data.bin', Range='bytes=2-5')
v1 = s3.get_paginator('list_objects')
pages = list(v1.paginate(Bucket='lab-bucket', PaginationConfig={'PageSize': 2}))
tree = s3.list_objects_v2(Bucket='lab-bucket', Delimiter='/')
return {'part': part['Body'].read().decode(), 'status': part['ResponseMetadata']['HTTPStatusCode'], 'range': part['ContentRange'],
        'v1': [[o['Key'] for o in pg.get('Contents', [])] for pg in pages],
        'prefixes': [p['Prefix'] for p in tree['CommonPrefixes']], 'files': [o['Key'] for o in tree['Contents']],
        'big': list(v1.paginate(Bucket='lab-bucket').search("Contents[?Size > `1`].Key"))}"#,
    ));
    assert_eq!(out["part"], "2345");
    assert_eq!(out["status"], 206);
    assert_eq!(out["range"], "bytes 2-5/10");
    assert_eq!(out["v1"], json!([["a/1", "a/2"], ["b/1", "data.bin"], ["top"]]));
    assert_eq!(out["prefixes"], json!(["a/", "b/"]));
    assert_eq!(out["files"], json!(["data.bin", "top"]));
    assert_eq!(out["big"], json!(["data.bin"]));
}

#[test]
fn waiters_succeed_and_fail_like_botocore() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.put_object(Bucket='lab-bucket', Key='k', Body=b'x')
s3.get_waiter('object_exists').wait(Bucket='lab-bucket', Key='k')
s3.get_waiter('object_not_exists').wait(Bucket='lab-bucket', Key='other')
w = s3.get_waiter('bucket_not_exists')
try:
    w.wait(Bucket='lab-bucket', WaiterConfig={'Delay': 0, 'MaxAttempts': 2})
except botocore.exceptions.WaiterError as e:
    return [type(w).__name__, w.name, str(e), e.last_response['ResponseMetadata']['HTTPStatusCode']]"#,
    ));
    assert_eq!(out, json!(["S3.Waiter.BucketNotExists", "BucketNotExists", "Waiter BucketNotExists failed: Max attempts exceeded", 200]));
}

#[test]
fn event_hooks_and_user_built_streaming_body() {
    let out = run(&handler(
        r#"from botocore.response import StreamingBody
from botocore import xform_name
s3 = boto3.client('s3')
seen = []
s3.meta.events.register('before-parameter-build.s3.PutObject', lambda params, **kw: params.setdefault('ContentType', 'application/json'))
s3.meta.events.register('after-call.s3', lambda parsed, model, **kw: seen.append(model.name))
s3.create_bucket(Bucket='lab-bucket')
s3.put_object(Bucket='lab-bucket', Key='k.json', Body=b'{}')
ct = s3.head_object(Bucket='lab-bucket', Key='k.json')['ContentType']
body = StreamingBody(io.BytesIO(b'abc'), 3)
return {'seen': seen, 'ct': ct, 'body': body.read().decode(),
        'names': [xform_name(n) for n in ('ListObjectsV2', 'GetQueueUrl', 'PutBucketACL', 'ListWebACLs', 'ExecutePartiQLStatement')]}"#,
    ));
    assert_eq!(out["seen"], json!(["CreateBucket", "PutObject", "HeadObject"]));
    assert_eq!(out["ct"], "application/json");
    assert_eq!(out["body"], "abc");
    assert_eq!(out["names"], json!(["list_objects_v2", "get_queue_url", "put_bucket_acl", "list_web_acls", "execute_partiql_statement"]));
}

/// The managed transfers use the sandbox's filesystem as on Lambda: download to /tmp, work on
/// the file, upload it back.
#[test]
fn download_file_and_upload_file_round_trip_through_tmp() {
    let out = run(&handler(
        r#"import os
s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.put_object(Bucket='lab-bucket', Key='in/orders.csv', Body=b'id,total\n1,9.50\n2,20.00\n')
s3.put_object(Bucket='lab-bucket', Key='in/blob.bin', Body=bytes(range(256)))
seen = []
s3.download_file('lab-bucket', 'in/orders.csv', '/tmp/orders.csv', Callback=seen.append)
with open('/tmp/orders.csv') as f:
    rows = f.read().splitlines()
with open('/tmp/orders.csv', 'a') as f:
    f.write('3,1.25\n')
s3.upload_file('/tmp/orders.csv', 'lab-bucket', 'out/orders.csv', ExtraArgs={'ContentType': 'text/csv'}, Callback=seen.append)
uploaded = s3.get_object(Bucket='lab-bucket', Key='out/orders.csv')
res = boto3.resource('s3')
bucket = res.Bucket('lab-bucket')
os.makedirs('/tmp/work', exist_ok=True)
bucket.download_file('in/blob.bin', '/tmp/work/blob.bin')
blob = open('/tmp/work/blob.bin', 'rb').read()
bucket.upload_file('/tmp/work/blob.bin', 'out/blob.bin')
obj = res.Object('lab-bucket', 'out/copy.csv')
obj.upload_file('/tmp/orders.csv')
res.Object('lab-bucket', 'out/copy.csv').download_file('/tmp/copy.csv')
from boto3.s3.transfer import S3Transfer
S3Transfer(s3).download_file('lab-bucket', 'out/blob.bin', '/tmp/work/again.bin')
return {
    'rows': rows, 'seen': seen, 'uploaded': uploaded['Body'].read().decode(), 'ct': uploaded['ContentType'],
    'blob': list(blob) == list(range(256)),
    'blob_back': s3.get_object(Bucket='lab-bucket', Key='out/blob.bin')['Body'].read() == blob,
    'copy': open('/tmp/copy.csv').read(), 'again': open('/tmp/work/again.bin', 'rb').read() == blob,
    'tmp': sorted(os.listdir('/tmp')), 'work': sorted(os.listdir('/tmp/work')),
    'keys': [o['Key'] for o in s3.list_objects_v2(Bucket='lab-bucket')['Contents']],
}"#,
    ));
    assert_eq!(out["rows"], json!(["id,total", "1,9.50", "2,20.00"]));
    assert_eq!(out["seen"], json!([24, 31]));
    assert_eq!(out["uploaded"], "id,total\n1,9.50\n2,20.00\n3,1.25\n");
    assert_eq!(out["ct"], "text/csv");
    assert_eq!(out["blob"], true);
    assert_eq!(out["blob_back"], true);
    assert_eq!(out["copy"], "id,total\n1,9.50\n2,20.00\n3,1.25\n");
    assert_eq!(out["again"], true);
    assert_eq!(out["tmp"], json!(["copy.csv", "orders.csv", "work"]));
    assert_eq!(out["work"], json!(["again.bin", "blob.bin"]));
    assert_eq!(out["keys"], json!(["in/blob.bin", "in/orders.csv", "out/blob.bin", "out/copy.csv", "out/orders.csv"]));
}

/// What goes wrong with file transfers fails as with boto3 on Lambda: the file's OSError for
/// a missing file, a missing folder or a read-only path, the 404 of HeadObject for a missing
/// object (and no file is left behind).
#[test]
fn file_transfers_fail_like_boto3() {
    let out = run(&handler(
        r#"import os
s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.put_object(Bucket='lab-bucket', Key='k', Body=b'x')
out = []
for f in (lambda: s3.upload_file('/tmp/report.csv', 'lab-bucket', 'report.csv'),
          lambda: s3.download_file('lab-bucket', 'missing', '/tmp/k'),
          lambda: s3.download_file('lab-bucket', 'k', '/tmp/no/such/dir/k'),
          lambda: s3.download_file('lab-bucket', 'k', '/var/task/k'),
          lambda: s3.download_file('lab-bucket', 'k', 'k'),
          lambda: s3.upload_file(5, 'lab-bucket', 'k'),
          lambda: boto3.resource('s3').Bucket('lab-bucket').upload_file('/tmp/nope.txt', 'n')):
    try:
        f()
        out.append(None)
    except Exception as e:
        out.append([type(e).__name__, getattr(e, 'errno', None), str(e)])
return {'errors': out, 'tmp': os.listdir('/tmp'),
        'keys': [o['Key'] for o in s3.list_objects_v2(Bucket='lab-bucket')['Contents']]}"#,
    ));
    let e = &out["errors"];
    assert_eq!(e[0], json!(["FileNotFoundError", 2, "[Errno 2] No such file or directory: '/tmp/report.csv'"]));
    assert_eq!(e[1], json!(["ClientError", null, "An error occurred (404) when calling the HeadObject operation: Not Found"]));
    assert_eq!(e[2], json!(["FileNotFoundError", 2, "[Errno 2] No such file or directory: '/tmp/no/such/dir/k'"]));
    assert_eq!(e[3], json!(["OSError", 30, "[Errno 30] Read-only file system: '/var/task/k'"]));
    // Relative paths are relative to /var/task, the working directory, on Lambda too.
    assert_eq!(e[4], json!(["OSError", 30, "[Errno 30] Read-only file system: 'k'"]));
    assert_eq!(e[5], json!(["ValueError", null, "Filename must be a string or a path-like object"]));
    assert_eq!(e[6], json!(["FileNotFoundError", 2, "[Errno 2] No such file or directory: '/tmp/nope.txt'"]));
    assert_eq!(out["tmp"], json!([]), "failed downloads leave no file");
    assert_eq!(out["keys"], json!(["k"]), "failed uploads create no object");
}

#[test]
fn get_object_asks_for_checksums_like_botocore_1_36() {
    let c = boto3_support::cloud();
    let out = boto3_support::run_in(
        &c,
        &handler(
            r#"from botocore.config import Config
s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
put = s3.put_object(Bucket='lab-bucket', Key='k', Body=b'hello')
got = s3.get_object(Bucket='lab-bucket', Key='k')
plain = boto3.client('s3', config=Config(response_checksum_validation='when_required')).get_object(Bucket='lab-bucket', Key='k')
url = s3.generate_presigned_url('get_object', Params={'Bucket': 'lab-bucket', 'Key': 'k'})
return {'put': put.get('ChecksumCRC32'), 'get': got.get('ChecksumCRC32'), 'plain': 'ChecksumCRC32' in plain, 'url': 'hecksum' in url}"#,
        ),
    );
    assert_eq!(out, json!({"put": "NhCmhg==", "get": "NhCmhg==", "plain": false, "url": false}));
    let cloud = c.borrow();
    let modes: Vec<_> = cloud.calls.iter().filter(|call| call.operation == "GetObject").map(|call| call.params.get("ChecksumMode").cloned()).collect();
    assert_eq!(modes, vec![Some(json!("ENABLED")), None]);
}
