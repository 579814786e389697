"""What the editor offers: field descriptions, service integrations, intrinsic and JSONata
function signatures, and `$states` members.

Which fields a state type allows, the error names and the intrinsic arities come from the
validator's own tables, so completion never offers what validation would then reject.
"""

from __future__ import annotations

FIELD_DOCS: dict[str, str] = {
    "StartAt": "Name of the state that runs first in this scope.",
    "States": "The states of this scope, by name.",
    "Comment": "A human-readable description.",
    "Version": 'Version of the States Language ("1.0").',
    "TimeoutSeconds": "Maximum run time in seconds before the state (or execution) fails with "
    "States.Timeout.",
    "QueryLanguage": "JSONPath (default) or JSONata: how fields reference data.",
    "Type": "The state type: Task, Pass, Choice, Wait, Succeed, Fail, Parallel or Map.",
    "Next": "Name of the state to run after this one.",
    "End": "true ends the execution (or branch) after this state.",
    "InputPath": "JSONPath selecting the part of the state input to use.",
    "OutputPath": "JSONPath selecting the part of the state output to pass on.",
    "Parameters": "Payload template for the task or the effective input (JSONPath). Keys "
    "ending in `.$` take a path or an intrinsic function.",
    "ResultSelector": "Template building the result from the raw task result (JSONPath).",
    "ResultPath": "Where in the input to place the result (JSONPath); null discards it.",
    "Arguments": "Arguments of the task (JSONata); values may be `{% expressions %}`.",
    "Output": "The state output (JSONata); values may be `{% expressions %}`.",
    "Assign": "Variables to set after the state, readable later as `$name`.",
    "Resource": "ARN of the Lambda function, activity or service integration to run.",
    "Credentials": "A role to assume for the task (cross-account).",
    "HeartbeatSeconds": "Seconds between heartbeats before the task fails with "
    "States.HeartbeatTimeout.",
    "TimeoutSecondsPath": "Reference path to the timeout in seconds.",
    "HeartbeatSecondsPath": "Reference path to the heartbeat interval in seconds.",
    "Retry": "Retriers: which errors to retry, how often and how long to wait.",
    "Catch": "Catchers: which errors to handle and the state to go to.",
    "Choices": "Choice rules, tried in order; the first that matches picks Next.",
    "Default": "State to go to when no choice rule matches.",
    "Seconds": "Seconds to wait.",
    "SecondsPath": "Reference path to the seconds to wait.",
    "Timestamp": "Wait until this RFC 3339 timestamp.",
    "TimestampPath": "Reference path to the timestamp to wait until.",
    "Error": "Error name of the failure.",
    "ErrorPath": "Reference path to the error name.",
    "Cause": "Human-readable cause of the failure.",
    "CausePath": "Reference path to the cause.",
    "Result": "Fixed output of the Pass state (JSONPath).",
    "Branches": "Parallel branches, each with its own StartAt and States.",
    "ItemProcessor": "The states run for each item, and the processor mode.",
    "Iterator": "Legacy form of ItemProcessor.",
    "ItemsPath": "Reference path to the array to iterate over (JSONPath).",
    "Items": "The array to iterate over (JSONata).",
    "ItemSelector": "Template building each item's input.",
    "ItemReader": "Read items from S3 (distributed Map).",
    "ItemBatcher": "Group items into batches (distributed Map).",
    "ResultWriter": "Write the results to S3 (distributed Map).",
    "MaxConcurrency": "Upper bound of concurrent iterations (0 = no limit).",
    "ToleratedFailureCount": "Failed items allowed before the Map fails.",
    "ToleratedFailurePercentage": "Percentage of failed items allowed before the Map fails.",
    "Label": "Label of the distributed Map's child executions.",
    "ProcessorConfig": "Mode (INLINE or DISTRIBUTED) and ExecutionType.",
    "ErrorEquals": "Error names this retrier or catcher matches.",
    "IntervalSeconds": "Seconds before the first retry (default 1).",
    "MaxAttempts": "Maximum number of retries (default 3; 0 never retries).",
    "BackoffRate": "Multiplier of the interval at each retry (default 2.0, at least 1).",
    "MaxDelaySeconds": "Upper bound of the retry interval.",
    "JitterStrategy": "FULL randomises retry intervals; NONE (default) does not.",
    "Variable": "Reference path to the value compared by this choice rule.",
    "Condition": "A JSONata `{% boolean expression %}` (JSONata choice rule).",
}

FIELD_VALUES: dict[str, tuple[str, ...]] = {
    "QueryLanguage": ("JSONPath", "JSONata"),
    "Mode": ("INLINE", "DISTRIBUTED"),
    "ExecutionType": ("STANDARD", "EXPRESS"),
    "JitterStrategy": ("FULL", "NONE"),
    "Version": ("1.0",),
}

# (integration path after `arn:aws:states:::`, description); suffixes are added per entry.
_SYNC, _TOKEN, _SYNC2 = ".sync", ".waitForTaskToken", ".sync:2"
INTEGRATIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("lambda:invoke", "Invoke an AWS Lambda function", ("", _TOKEN)),
    ("sns:publish", "Publish a message to an Amazon SNS topic", ("", _TOKEN)),
    ("sqs:sendMessage", "Send a message to an Amazon SQS queue", ("", _TOKEN)),
    ("events:putEvents", "Send events to Amazon EventBridge", ("", _TOKEN)),
    ("dynamodb:getItem", "Read an item from a DynamoDB table", ("",)),
    ("dynamodb:putItem", "Write an item to a DynamoDB table", ("",)),
    ("dynamodb:updateItem", "Update an item of a DynamoDB table", ("",)),
    ("dynamodb:deleteItem", "Delete an item from a DynamoDB table", ("",)),
    ("ecs:runTask", "Run an Amazon ECS/Fargate task", ("", _SYNC, _TOKEN)),
    ("batch:submitJob", "Submit an AWS Batch job", ("", _SYNC)),
    ("glue:startJobRun", "Start an AWS Glue job run", ("", _SYNC)),
    ("sagemaker:createTrainingJob", "Create a SageMaker training job", ("", _SYNC)),
    ("sagemaker:createTransformJob", "Create a SageMaker transform job", ("", _SYNC)),
    ("sagemaker:createProcessingJob", "Create a SageMaker processing job", ("", _SYNC)),
    ("elasticmapreduce:createCluster", "Create an Amazon EMR cluster", ("", _SYNC)),
    ("elasticmapreduce:addStep", "Add a step to an EMR cluster", ("", _SYNC)),
    ("elasticmapreduce:terminateCluster", "Terminate an EMR cluster", ("", _SYNC)),
    ("states:startExecution", "Start a Step Functions execution", ("", _SYNC, _SYNC2, _TOKEN)),
    ("aws-sdk:s3:getObject", "AWS SDK integration: S3 GetObject", ("",)),
)


def integration_arns() -> tuple[tuple[str, str], ...]:
    """Every (Resource ARN, description) offered, in the order above."""
    found = []
    for action, description, suffixes in INTEGRATIONS:
        for suffix in suffixes:
            note = {
                "": "",
                _SYNC: " and wait for it to complete",
                _SYNC2: " and wait (output as JSON)",
                _TOKEN: " and wait for a task token",
            }[suffix]
            found.append((f"arn:aws:states:::{action}{suffix}", description + note))
    return tuple(found)


INTRINSICS: dict[str, tuple[str, str]] = {
    "States.Format": ("States.Format(template, ...values)", "Fill `{}` placeholders."),
    "States.StringToJson": ("States.StringToJson(string)", "Parse a JSON string."),
    "States.JsonToString": ("States.JsonToString(value)", "Serialise a value to JSON."),
    "States.Array": ("States.Array(...values)", "An array of the arguments."),
    "States.ArrayPartition": ("States.ArrayPartition(array, size)", "Split into chunks."),
    "States.ArrayContains": ("States.ArrayContains(array, value)", "Whether it holds value."),
    "States.ArrayRange": ("States.ArrayRange(first, last, step)", "A range of numbers."),
    "States.ArrayGetItem": ("States.ArrayGetItem(array, index)", "The item at an index."),
    "States.ArrayLength": ("States.ArrayLength(array)", "The number of items."),
    "States.ArrayUnique": ("States.ArrayUnique(array)", "The array without duplicates."),
    "States.Base64Encode": ("States.Base64Encode(string)", "Base64-encode a string."),
    "States.Base64Decode": ("States.Base64Decode(string)", "Decode a Base64 string."),
    "States.Hash": ("States.Hash(value, algorithm)", "MD5/SHA-1/SHA-256/SHA-384/SHA-512."),
    "States.JsonMerge": ("States.JsonMerge(left, right, false)", "Shallow-merge two objects."),
    "States.MathRandom": ("States.MathRandom(start, end[, seed])", "A random integer."),
    "States.MathAdd": ("States.MathAdd(a, b)", "The sum of two integers."),
    "States.StringSplit": ("States.StringSplit(string, separators)", "Split a string."),
    "States.UUID": ("States.UUID()", "A version 4 UUID."),
}

JSONATA_FUNCTIONS: dict[str, str] = {
    "$string": "$string(arg[, prettify])",
    "$length": "$length(str)",
    "$substring": "$substring(str, start[, length])",
    "$substringBefore": "$substringBefore(str, chars)",
    "$substringAfter": "$substringAfter(str, chars)",
    "$uppercase": "$uppercase(str)",
    "$lowercase": "$lowercase(str)",
    "$trim": "$trim(str)",
    "$pad": "$pad(str, width[, char])",
    "$contains": "$contains(str, pattern)",
    "$split": "$split(str, separator[, limit])",
    "$join": "$join(array[, separator])",
    "$match": "$match(str, pattern[, limit])",
    "$replace": "$replace(str, pattern, replacement[, limit])",
    "$number": "$number(arg)",
    "$abs": "$abs(number)",
    "$floor": "$floor(number)",
    "$ceil": "$ceil(number)",
    "$round": "$round(number[, precision])",
    "$sum": "$sum(array)",
    "$max": "$max(array)",
    "$min": "$min(array)",
    "$average": "$average(array)",
    "$boolean": "$boolean(arg)",
    "$not": "$not(arg)",
    "$exists": "$exists(arg)",
    "$count": "$count(array)",
    "$append": "$append(array1, array2)",
    "$sort": "$sort(array[, function])",
    "$reverse": "$reverse(array)",
    "$distinct": "$distinct(array)",
    "$keys": "$keys(object)",
    "$lookup": "$lookup(object, key)",
    "$merge": "$merge(array<object>)",
    "$each": "$each(object, function)",
    "$type": "$type(value)",
    "$map": "$map(array, function)",
    "$filter": "$filter(array, function)",
    "$reduce": "$reduce(array, function[, init])",
    "$now": "$now([picture[, timezone]])",
    "$millis": "$millis()",
    "$toMillis": "$toMillis(timestamp[, picture])",
    "$fromMillis": "$fromMillis(number[, picture[, timezone]])",
    "$partition": "$partition(array, size) (Step Functions)",
    "$range": "$range(start, end, step) (Step Functions)",
    "$hash": "$hash(value[, algorithm]) (Step Functions)",
    "$random": "$random([seed]) (Step Functions)",
    "$uuid": "$uuid() (Step Functions)",
    "$parse": "$parse(jsonString) (Step Functions)",
}

STATES_MEMBERS: dict[str, str] = {
    "$states.input": "The state's input.",
    "$states.result": "The task/Parallel/Map result (in Output and Assign).",
    "$states.errorOutput": "The caught error (in a Catch's Output and Assign).",
    "$states.context": "The context object (execution, state machine, task token).",
}
