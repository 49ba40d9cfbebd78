// Queries a learner types into the course's search, and the section each must find (page and
// heading anchor). `typo` says what is wrong with it, if anything: a dropped, doubled, swapped
// or wrong letter in a service or feature name. `kind`, when given, is the result's label that
// must link there (a command the section shows, not the section). Used by browser-tests/search.test.mjs (which
// types them into the search box) and by tools/search-bench.mjs (hit rate against mdBook's
// elasticlunr).
export const QUERIES = [
  { q: "dynamodb streams", expect: "part3/dynamodb/streams.html#enabling-dynamodb-streams" },
  { q: "dynnamodb streams", typo: "doubled", expect: "part3/dynamodb/streams.html#enabling-dynamodb-streams" },
  { q: "dynamodb stremas", typo: "swapped", expect: "part3/dynamodb/streams.html#enabling-dynamodb-streams" },
  { q: "provisioned concurrency", expect: "part4/concurrency/provisioned.html#what-provisioned-concurrency-does" },
  { q: "provisiond concurrency", typo: "dropped", expect: "part4/concurrency/provisioned.html#what-provisioned-concurrency-does" },
  { q: "reserved concurrency", expect: "part4/concurrency/reserved.html#configuring-reserved-concurrency" },
  { q: "reserverd concurrency", typo: "wrong", expect: "part4/concurrency/reserved.html#configuring-reserved-concurrency" },
  { q: "lambda layers", expect: "part4/layers/index.html#lambda-layers" },
  { q: "lambda layres", typo: "swapped", expect: "part4/layers/index.html#lambda-layers" },
  { q: "visibility timeout", expect: "part3/messaging/sqs.html#the-visibility-timeout-at-least-six-times-the-function-timeout" },
  { q: "visibilty timeout", typo: "dropped", expect: "part3/messaging/sqs.html#the-visibility-timeout-at-least-six-times-the-function-timeout" },
  { q: "dlq", expect: "part3/messaging/sqs.html#dead-letter-queues-where-poison-messages-go" },
  { q: "partial bacth response", typo: "swapped", expect: "part3/messaging/sqs.html#partial-batch-responses" },
  { q: "cloudformation", expect: "part2/deploying/sam.html#cloudformation-in-three-terms-template-stack-change-set" },
  { q: "cloudfromation", typo: "swapped", expect: "part2/deploying/sam.html#cloudformation-in-three-terms-template-stack-change-set" },
  { q: "cloudwatch logs insights", expect: "part4/monitoring/logs.html#querying-with-cloudwatch-logs-insights" },
  { q: "cloudwatch logs insigths", typo: "swapped", expect: "part4/monitoring/logs.html#querying-with-cloudwatch-logs-insights" },
  { q: "x-ray", expect: "part4/monitoring/tracing.html" },
  { q: "xray tracing", expect: "part4/monitoring/tracing.html#distributed-tracing-with-x-ray-and-opentelemetry" },
  { q: "opentelemtry", typo: "dropped", expect: "part4/monitoring/tracing.html#option-a-opentelemetry-with-the-adot-layer" },
  { q: "event sorce mapping", typo: "dropped", expect: "part3/dynamodb/streams.html#connecting-the-function-an-event-source-mapping" },
  { q: "put_item", expect: "part3/dynamodb/access.html#create-put_item" },
  { q: "api gatewey stages", typo: "wrong", expect: "part3/api-gateway/stages.html#api-gateway-stages-and-deployment" },
  { q: "exection role", typo: "dropped", expect: "part1/setup/iam.html#creating-an-execution-role" },
  { q: "least privlege", typo: "dropped", expect: "part4/security/least-privilege.html#principle-of-least-privilege" },
  { q: "enviroment variables", typo: "dropped", expect: "part2/deploying/console.html#environment-variables" },
  { q: "cold strat", typo: "swapped", expect: "part4/concurrency/provisioned.html#cold-starts-briefly" },
  { q: "s3 event notfications", typo: "dropped", expect: "part3/s3/triggers.html#configuring-s3-event-notifications" },
  { q: "s3:ObjectCreated:*", expect: "part3/s3/triggers.html#configuring-s3-event-notifications" },
  { q: "cognito authoriser", typo: "wrong", expect: "part3/api-gateway/securing.html#using-cognito-for-user-authentication" },
  { q: "update-funtion-code", typo: "dropped", expect: "part2/deploying/cli.html" },
  { q: "AWSLambdaBasicExecutionRole", expect: "part1/setup/iam.html#step-3-give-the-role-permission-to-write-logs" },
  { q: "sqs", expect: "part3/messaging/sqs.html" },
  { q: "update function code", kind: "Command", expect: "part2/deploying/cli.html#step-4-update-the-code" },
  { q: "updat-function-code", typo: "dropped", kind: "Command", expect: "part2/deploying/cli.html#step-4-update-the-code" },
  { q: "publish layer", kind: "Command", expect: "part4/layers/creating.html#step-3-publish-a-layer-version" },
  { q: "pubish layer version", typo: "dropped", kind: "Command", expect: "part4/layers/creating.html#step-3-publish-a-layer-version" },
  { q: "put-function-concurency", typo: "dropped", kind: "Command", expect: "part4/concurrency/reserved.html#setting-it-with-the-cli" },
  { q: "aws s3 cp", kind: "Command", expect: "part2/deploying/cli.html#packages-larger-than-50-mb" },
];

/** Whether a result's URL (relative to the site root) is the expected section. */
export function isExpected(url, expect) {
  return expect.includes("#") ? url === expect : url.split("#")[0] === expect;
}
