import type { BusEvent } from '@congdoan/contracts';
import type { SQSEvent } from 'aws-lambda';

/** One event as SQS hands it to a queued subscription, on its `receiveCount`-th receive. */
export const sqsDelivery = (event: BusEvent, receiveCount = 1, subscription = 'finance-queue'): SQSEvent => ({
  Records: [
    {
      messageId: `m-${receiveCount}`,
      receiptHandle: `rh-${receiveCount}`,
      body: JSON.stringify(event),
      attributes: {
        ApproximateReceiveCount: String(receiveCount),
        SentTimestamp: '1751958000000',
        SenderId: 'AIDAEVENTBRIDGE',
        ApproximateFirstReceiveTimestamp: '1751958000001',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:ap-southeast-1:000000000000:${subscription}`,
      awsRegion: 'ap-southeast-1',
    },
  ],
});
