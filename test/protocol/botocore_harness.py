"""Serializes requests and parses responses with botocore, for the codec cross-check test
(test/unit/protocol/botocore.test.ts). Reads {"jobs": [...]} as JSON on stdin, writes one result
per job as JSON on stdout.

A job: {"model": <path to service-2.json(.gz)>, "operation": name, "kind": "serialize", "params": {...}}
       → {"body": <the request body botocore sends>, "headers": {...}}
    or {"model": ..., "operation": ..., "kind": "parse", "status": n, "headers": {...}, "body": str}
       → what botocore's parser returns.
Values cross the boundary as {"$blob": base64}, {"$date": ISO 8601 or epoch ms}, {"$number": "NaN"}.
"""
import base64
import datetime
import gzip
import json
import math
import sys

from botocore.awsrequest import create_request_object, prepare_request_dict
from botocore.compat import HTTPHeaders
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from botocore.serialize import create_serializer


def to_py(v):
    if isinstance(v, list):
        return [to_py(e) for e in v]
    if isinstance(v, dict):
        if '$blob' in v:
            return base64.b64decode(v['$blob'])
        if '$date' in v:
            return datetime.datetime.fromisoformat(v['$date'].replace('Z', '+00:00'))
        if '$number' in v:
            return float(v['$number'])
        return {k: to_py(e) for k, e in v.items()}
    return v


def from_py(v):
    if isinstance(v, list):
        return [from_py(e) for e in v]
    if isinstance(v, dict):
        return {k: from_py(e) for k, e in v.items()}
    if isinstance(v, (bytes, bytearray)):
        return {'$blob': base64.b64encode(v).decode()}
    if isinstance(v, datetime.datetime):
        return {'$date': round(v.timestamp() * 1000)}
    if isinstance(v, float) and not math.isfinite(v):
        return {'$number': str(v).replace('inf', 'Infinity').replace('nan', 'NaN')}
    return v


models = {}


def model_for(path):
    if path not in models:
        opener = gzip.open if path.endswith('.gz') else open
        with opener(path, 'rt', encoding='utf-8') as f:
            models[path] = ServiceModel(json.load(f))
    return models[path]


def run(job):
    model = model_for(job['model'])
    op = model.operation_model(job['operation'])
    protocol = model.metadata['protocol']
    if job['kind'] == 'serialize':
        req = create_serializer(protocol, include_validation=False).serialize_to_request(to_py(job['params']), op)
        prepare_request_dict(req, endpoint_url='https://example.com')
        prepared = create_request_object(req).prepare()
        body = prepared.body
        if isinstance(body, bytes):
            body = body.decode('utf-8')
        return {'body': body or '', 'headers': dict(prepared.headers)}
    headers = HTTPHeaders()
    for k, v in job['headers'].items():
        headers[k] = v
    parsed = create_parser(protocol).parse(
        {'status_code': job['status'], 'headers': headers, 'body': job['body'].encode('utf-8')}, op.output_shape)
    meta = parsed.get('ResponseMetadata', {})
    parsed['ResponseMetadata'] = {'RequestId': meta.get('RequestId'), 'HTTPStatusCode': meta.get('HTTPStatusCode')}
    return from_py(parsed)


results = [run(job) for job in json.load(sys.stdin)['jobs']]
json.dump(results, sys.stdout)
