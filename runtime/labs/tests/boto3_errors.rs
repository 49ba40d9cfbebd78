//! boto3/botocore errors, sessions and configuration in the lab runtime.

mod boto3_support;

use boto3_support::{cloud, fails, handler, invoke_in, run};
use serde_json::{Value, json};

#[test]
fn unknown_and_unmocked_services() {
    let out = run(&handler(
        r#"out = {}
for name, f in (('client', lambda: boto3.client('foo')), ('unmocked', lambda: boto3.client('kms')),
                ('res', lambda: boto3.resource('lambda')), ('ec2', lambda: boto3.resource('ec2')),
                ('region', lambda: boto3.client('s3', region_name='bad region'))):
    try:
        f()
    except Exception as e:
        out[name] = [type(e).__name__, [c.__name__ for c in type(e).__mro__], str(e)]
return out"#,
    ));
    let client = &out["client"];
    assert_eq!(client[0], "UnknownServiceError");
    assert_eq!(client[1], json!(["UnknownServiceError", "DataNotFoundError", "BotoCoreError", "Exception", "BaseException", "object"]));
    let msg = client[2].as_str().unwrap();
    assert!(msg.starts_with("Unknown service: 'foo'. Valid service names are: abuse-signal, accessanalyzer, account, "), "{msg}");
    assert!(msg.contains(", dynamodb, dynamodbstreams, ") && msg.ends_with(", xray"), "{msg}");
    assert_eq!(out["unmocked"][2], "labbook's mock cloud has no service 'kms' (it has s3, sqs, dynamodb, sns, lambda, iam, sts)");
    assert_eq!(out["res"][0], "ResourceNotExistsError");
    assert_eq!(
        out["res"][2],
        "The 'lambda' resource does not exist.\nThe available resources are:\n   - cloudformation\n   - cloudwatch\n   - dynamodb\n   - ec2\n   - glacier\n   - iam\n   - s3\n   - sns\n   - sqs\n\nConsider using a boto3.client('lambda') instead of a resource for 'lambda'"
    );
    assert_eq!(out["ec2"][0], "NotImplementedError");
    assert_eq!(out["region"], json!(["InvalidRegionError", ["InvalidRegionError", "ValidationError", "BotoCoreError", "ValueError", "Exception", "BaseException", "object"], "Provided region_name 'bad region' doesn't match a supported format."]));
}

#[test]
fn botocore_exception_classes_and_messages() {
    let out = run(&handler(
        r#"from botocore.exceptions import (ClientError, ParamValidationError, NoCredentialsError, EndpointConnectionError,
    NoRegionError, BotoCoreError, PartialCredentialsError, WaiterError)
e = ClientError({'Error': {'Code': 'Throttling', 'Message': 'Slow down'}, 'ResponseMetadata': {'MaxAttemptsReached': True, 'RetryAttempts': 4}}, 'Query')
p = ParamValidationError(report='bad things')
return {
    'client': [str(e), e.operation_name, e.response['Error']['Code']],
    'bare': str(ClientError({}, 'Op')),
    'pv': [str(p), p.kwargs],
    'nocreds': str(NoCredentialsError()),
    'endpoint': str(EndpointConnectionError(endpoint_url='https://x')),
    'region': str(NoRegionError()),
    'partial': str(PartialCredentialsError(provider='env', cred_var='AWS_SECRET_ACCESS_KEY')),
    'waiter': str(WaiterError(name='TableExists', reason='Max attempts exceeded', last_response={})),
    'subclasses': [issubclass(c, BotoCoreError) for c in (ParamValidationError, NoCredentialsError, EndpointConnectionError, NoRegionError)]
                  + [issubclass(ClientError, BotoCoreError), issubclass(ClientError, Exception)],
}"#,
    ));
    assert_eq!(
        out["client"],
        json!(["An error occurred (Throttling) when calling the Query operation (reached max retries: 4): Slow down", "Query", "Throttling"])
    );
    assert_eq!(out["bare"], "An error occurred (Unknown) when calling the Op operation: Unknown");
    assert_eq!(out["pv"], json!(["Parameter validation failed:\nbad things", {"report": "bad things"}]));
    assert_eq!(out["nocreds"], "Unable to locate credentials");
    assert_eq!(out["endpoint"], "Could not connect to the endpoint URL: \"https://x\"");
    assert_eq!(out["region"], "You must specify a region.");
    assert_eq!(out["partial"], "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY");
    assert_eq!(out["waiter"], "Waiter TableExists failed: Max attempts exceeded");
    assert_eq!(out["subclasses"], json!([true, true, true, true, false, true]));
}

#[test]
fn an_unhandled_client_error_is_the_lambda_error_type() {
    let (error_type, message) = fails(&handler(
        r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.get_object(Bucket='lab-bucket', Key='missing.json')"#,
    ));
    assert_eq!(error_type, "NoSuchKey");
    assert_eq!(message, "An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist.");
    let (error_type, message) = fails(&handler("boto3.client('dynamodb').put_item(TableName='T', Item={'pk': 'raw'})"));
    assert_eq!(error_type, "ParamValidationError");
    assert!(message.starts_with("Parameter validation failed:\nInvalid type for parameter Item.pk, value: raw"), "{message}");
}

#[test]
fn sessions_config_and_regions() {
    let out = run(&handler(
        r#"from botocore.config import Config
s = boto3.Session(region_name='eu-west-1')
c = s.client('sqs', config=Config(retries={'max_attempts': 3}, connect_timeout=5), endpoint_url='http://localhost:4566',
             aws_access_key_id='x', aws_secret_access_key='y')
out = {'session_region': s.region_name, 'client_region': c.meta.region_name, 'endpoint': c.meta.endpoint_url,
       'default_region': boto3.Session().region_name, 'repr': repr(s), 'resources': s.get_available_resources(),
       'services': [x in s.get_available_services() for x in ('s3', 'lambda')]}
for name, f in (('bad_cfg', lambda: Config(bogus=1)), ('retry', lambda: Config(retries={'mode': 'fast'})),
                ('profile', lambda: boto3.Session(profile_name='dev')), ('bad_endpoint', lambda: boto3.client('s3', endpoint_url='nope'))):
    try:
        f()
    except Exception as e:
        out[name] = [type(e).__name__, str(e)]
boto3.setup_default_session(region_name='us-west-2')
out['default_client_region'] = boto3.client('sns').meta.region_name
merged = Config(connect_timeout=1).merge(Config(read_timeout=2))
out['merged'] = [merged.connect_timeout, merged.read_timeout]
return out"#,
    ));
    assert_eq!(out["session_region"], "eu-west-1");
    assert_eq!(out["client_region"], "eu-west-1");
    assert_eq!(out["endpoint"], "http://localhost:4566");
    assert_eq!(out["default_region"], "us-east-1");
    assert_eq!(out["repr"], "Session(region_name='eu-west-1')");
    assert_eq!(out["services"], json!([true, true]));
    assert_eq!(out["bad_cfg"], json!(["TypeError", "Got unexpected keyword argument 'bogus'"]));
    assert_eq!(out["retry"], json!(["InvalidRetryModeError", "Invalid value provided to \"mode\": \"fast\" must be one of: ('legacy', 'standard', 'adaptive')"]));
    assert_eq!(out["profile"], json!(["ProfileNotFound", "The config profile (dev) could not be found"]));
    assert_eq!(out["bad_endpoint"], json!(["ValueError", "Invalid endpoint: nope"]));
    assert_eq!(out["default_client_region"], "us-west-2");
    assert_eq!(out["merged"], json!([1, 2]));
}

#[test]
fn cold_start_resets_the_default_session() {
    let code = "import boto3\nseen = boto3.DEFAULT_SESSION is None\nboto3.setup_default_session(region_name='eu-west-2')\n\ndef lambda_handler(event, context):\n    return {'fresh': seen, 'region': boto3.client('s3').meta.region_name}\n";
    let c = cloud();
    for _ in 0..2 {
        let report = invoke_in(&c, code, Value::Null);
        assert_eq!(report.payload(), json!({"fresh": true, "region": "eu-west-2"}), "{}", report.log_text());
    }
}

#[test]
fn response_metadata_per_service() {
    let out = run(&handler(
        r#"md = lambda r: r['ResponseMetadata']
s3 = md(boto3.client('s3').list_buckets())
sqs = md(boto3.client('sqs').list_queues())
ddb = md(boto3.client('dynamodb').list_tables())
sns = md(boto3.client('sns').list_topics())
return {'s3': [len(s3['RequestId']), 'HostId' in s3, sorted(s3['HTTPHeaders'])],
        'sqs': [len(sqs['RequestId']), sqs['RequestId'].count('-'), sqs['HTTPStatusCode'], sqs['RetryAttempts']],
        'ddb': [len(ddb['RequestId']), ddb['RequestId'].isupper(), 'x-amz-crc32' in ddb['HTTPHeaders']],
        'sns': [sns['HTTPHeaders']['content-type'], sns['HTTPHeaders']['date'].endswith(' GMT')],
        'differ': s3['RequestId'] != sqs['RequestId']}"#,
    ));
    assert_eq!(out["s3"], json!([16, true, ["content-length", "content-type", "date", "x-amz-id-2", "x-amz-request-id"]]));
    assert_eq!(out["sqs"], json!([36, 4, 200, 0]));
    assert_eq!(out["ddb"], json!([52, true, true]));
    assert_eq!(out["sns"], json!(["text/xml", true]));
    assert_eq!(out["differ"], true);
}

#[test]
fn module_level_clients_survive_warm_invocations() {
    let code = "import boto3\ns3 = boto3.client('s3')\ncalls = 0\n\ndef lambda_handler(event, context):\n    global calls\n    calls += 1\n    if calls == 1:\n        s3.create_bucket(Bucket='warm-bucket')\n    s3.put_object(Bucket='warm-bucket', Key=str(calls), Body=b'x')\n    return [calls, [o['Key'] for o in s3.list_objects_v2(Bucket='warm-bucket')['Contents']]]\n";
    let c = cloud();
    let mut engine = lab_python::Engine::new(lab_python::FunctionConfig::with_code(code));
    let host = || std::rc::Rc::new(labs::CloudHost::new(c.clone()));
    let first = engine.invoke("{}", host());
    let second = engine.invoke("{}", host());
    assert_eq!(first.payload(), json!([1, ["1"]]), "{}", first.log_text());
    assert_eq!(second.payload(), json!([2, ["1", "2"]]), "{}", second.log_text());
}

#[test]
fn jmespath_search_over_pages() {
    let out = run(&handler(
        r#"ddb = boto3.client('dynamodb')
for name in ('alpha', 'beta', 'gamma'):
    ddb.create_table(TableName=name, KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}],
                     AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}], BillingMode='PAY_PER_REQUEST')
p = ddb.get_paginator('list_tables')
from botocore import _jmespath as jp
data = {'a': [{'n': 1, 'k': 'x'}, {'n': 5, 'k': 'y'}], 'b': {'c': 'd'}}
return {'names': list(p.paginate(PaginationConfig={'PageSize': 2}).search('TableNames[]')),
        'len': list(p.paginate().search('length(TableNames)')),
        'expr': [jp.search('a[?n > `2`].k', data), jp.search('a[*].[k, n]', data), jp.search('b.{x: c}', data),
                 jp.search('max_by(a, &n).k', data), jp.search('a[-1].n || `0`', data), jp.search('missing || b.c', data)]}"#,
    ));
    assert_eq!(out["names"], json!(["alpha", "beta", "gamma"]));
    assert_eq!(out["len"], json!([3]));
    assert_eq!(out["expr"], json!([["y"], [["x", 1], ["y", 5]], {"x": "d"}, "y", 5, "d"]));
}

#[test]
fn timestamp_parameters_validate_and_serialise() {
    let c = cloud();
    let out = boto3_support::run_in(
        &c,
        &handler(
            r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.put_object(Bucket='lab-bucket', Key='k', Body=b'x', Expires=datetime.datetime(2030, 1, 2, 3, 4, 5))
errors = []
for v in ('not a date', [1]):
    try:
        s3.get_object(Bucket='lab-bucket', Key='k', IfModifiedSince=v)
    except botocore.exceptions.ParamValidationError as e:
        errors.append(str(e))
ok = s3.get_object(Bucket='lab-bucket', Key='k', IfModifiedSince='2020-01-01T00:00:00Z')['ContentLength']
return {'errors': errors, 'ok': ok}"#,
        ),
    );
    assert_eq!(
        out["errors"],
        json!([
            "Parameter validation failed:\nInvalid type for parameter IfModifiedSince, value: not a date, type: <class 'str'>, valid types: <class 'datetime.datetime'>, timestamp-string",
            "Parameter validation failed:\nInvalid type for parameter IfModifiedSince, value: [1], type: <class 'list'>, valid types: <class 'datetime.datetime'>, timestamp-string"
        ])
    );
    assert_eq!(out["ok"], 1);
    let cloud = c.borrow();
    let put = cloud.calls.iter().find(|call| call.operation == "PutObject").unwrap();
    assert_eq!(put.params["Expires"], "2030-01-02T03:04:05Z");
    assert_eq!(put.params["Body"], json!({"$bytes": "eA=="}));
}

#[test]
fn responses_are_laid_out_like_botocores() {
    let out = run(&handler(
        r#"s3 = boto3.client('s3')
s3.create_bucket(Bucket='lab-bucket')
s3.put_object(Bucket='lab-bucket', Key='k', Body=b'hello', ContentType='text/plain')
sqs = boto3.client('sqs')
url = sqs.create_queue(QueueName='q')['QueueUrl']
sqs.send_message(QueueUrl=url, MessageBody='m')
return {'get': list(s3.get_object(Bucket='lab-bucket', Key='k')),
        'list': list(s3.list_objects_v2(Bucket='lab-bucket')),
        'item': list(s3.list_objects_v2(Bucket='lab-bucket')['Contents'][0]),
        'msg': list(sqs.receive_message(QueueUrl=url, AttributeNames=['All'])['Messages'][0]),
        'send': list(sqs.send_message(QueueUrl=url, MessageBody='n'))}"#,
    ));
    assert_eq!(
        out["get"],
        json!(["ResponseMetadata", "AcceptRanges", "LastModified", "ContentLength", "ETag", "ChecksumCRC32", "ContentType", "ServerSideEncryption", "Metadata", "Body"])
    );
    assert_eq!(out["list"], json!(["ResponseMetadata", "IsTruncated", "Contents", "Name", "Prefix", "MaxKeys", "EncodingType", "KeyCount"]));
    assert_eq!(out["item"], json!(["Key", "LastModified", "ETag", "ChecksumAlgorithm", "Size", "StorageClass"]));
    assert_eq!(out["msg"], json!(["MessageId", "ReceiptHandle", "MD5OfBody", "Body", "Attributes"]));
    assert_eq!(out["send"], json!(["MD5OfMessageBody", "MessageId", "ResponseMetadata"]));
}

#[test]
fn stubber_answers_instead_of_the_cloud() {
    let c = cloud();
    let out = boto3_support::run_in(
        &c,
        &handler(
            r#"from botocore.stub import Stubber, ANY
s3 = boto3.client('s3')
out = []
with Stubber(s3) as stub:
    stub.add_response('get_object', {'Body': io.BytesIO(b'stubbed'), 'ContentLength': 7}, {'Bucket': 'b00', 'Key': ANY})
    stub.add_client_error('head_object', service_error_code='404', service_message='Not Found', http_status_code=404)
    stub.add_response('put_bucket_policy', {})
    out.append(s3.get_object(Bucket='b00', Key='k')['Body'].read().decode())
    try:
        s3.head_object(Bucket='b00', Key='k')
    except botocore.exceptions.ClientError as e:
        out.append(str(e))
    out.append(sorted(s3.put_bucket_policy(Bucket='b00', Policy='{}')))
    stub.assert_no_pending_responses()
    for f in (lambda: s3.list_buckets(), lambda: stub.add_response('get_object', {'Nope': 1})):
        try:
            f()
        except Exception as e:
            out.append([type(e).__name__, str(e)])
return out"#,
        ),
    );
    assert_eq!(out[0], "stubbed");
    assert_eq!(out[1], "An error occurred (404) when calling the HeadObject operation: Not Found");
    assert_eq!(out[2], json!([]));
    assert_eq!(out[3][0], "UnStubbedResponseError");
    assert!(out[3][1].as_str().unwrap().contains("Unexpected API Call"), "{}", out[3][1]);
    assert_eq!(out[4][0], "ParamValidationError");
    assert!(out[4][1].as_str().unwrap().starts_with("Parameter validation failed:\nUnknown parameter in input: \"Nope\", must be one of: Body, DeleteMarker, AcceptRanges"), "{}", out[4][1]);
    assert!(c.borrow().calls.is_empty(), "nothing reached the cloud");
}
