import { testRule } from '../../helpers/rule-cases';

testRule('eventbridge/aws-events-on-custom-bus', [
  {
    name: 'AWS service events on the default bus are fine',
    yaml: `
archflow: 1
name: t
routers:
  awsEvents:
    type: event-bus
    default: true
    rules:
      created: { pattern: { source: [aws.s3], detail-type: [Object Created] }, to: worker }
      failed: { pattern: { source: [{ prefix: aws. }] }, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'custom events, mixed sources, no source and $or are not AWS-only',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      shop: { pattern: { source: [shop.orders] }, to: worker }
      mixed: { pattern: { source: [aws.s3, shop.orders] }, to: worker }
      any: { pattern: { detail-type: [Object Created] }, to: worker }
      either: { pattern: { $or: [{ source: [aws.s3] }, { source: [shop.orders] }] }, to: worker }
      almost: { pattern: { source: [{ prefix: aws }] }, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'only AWS sources on a custom bus (literal and prefix); the fix is offered when every rule is for AWS events',
    yaml: `
archflow: 1
name: t
routers:
  awsEvents:
    type: event-bus
    rules:
      created:
        pattern: { source: [aws.s3], detail-type: [Object Created] }
#                  ^^^^^^ warning: Rule 'created' of event bus 'awsEvents' matches only AWS service events (source aws.s3), which AWS sends only to the account's default event bus: on this custom bus it never fires. Put the rule on a bus with \`default: true\`.
#   fix: Make 'awsEvents' the account's default event bus
#   + default: true
        to: worker
      states:
        pattern: { source: [aws.states, { prefix: aws.codepipeline }] }
#                  ^^^^^^ warning: Rule 'states' of event bus 'awsEvents' matches only AWS service events (source aws.states, aws.codepipeline*), which AWS sends only to the account's default event bus: on this custom bus it never fires. Put the rule on a bus with \`default: true\`.
#   fix: Make 'awsEvents' the account's default event bus
#   + default: true
        to: worker
consumers:
  worker: {}`,
  },
  {
    name: 'quiet when another bus forwards to the custom bus (AWS events can arrive that way)',
    yaml: `
archflow: 1
name: t
routers:
  main:
    type: event-bus
    default: true
    rules:
      forward: { pattern: { source: [aws.s3] }, to: { bus: team } }
  team:
    type: event-bus
    rules:
      created: { pattern: { source: [aws.s3] }, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'an empty source list and a prefix matcher with another key are not AWS-only sources',
    yaml: `
archflow: 1
name: t
routers:
  bus:
    type: event-bus
    rules:
      none: { pattern: { source: [], detail-type: [Object Created] }, to: worker }
      more: { pattern: { source: [{ prefix: aws., equals-ignore-case: aws.s3 }] }, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'a function sending to the custom bus does not bring AWS events: still reported; the fix only when every rule of that bus is for AWS events (rules of other buses do not count)',
    yaml: `
archflow: 1
name: t
routers:
  awsEvents:
    type: event-bus
    rules:
      created:
        pattern: { source: [aws.s3] }
#                  ^^^^^^ warning: Rule 'created' of event bus 'awsEvents' matches only AWS service events (source aws.s3), which AWS sends only to the account's default event bus: on this custom bus it never fires. Put the rule on a bus with \`default: true\`.
#   fix: Make 'awsEvents' the account's default event bus
#   + default: true
        to: worker
  mixed:
    type: event-bus
    rules:
      created:
        pattern: { source: [aws.s3] }
#                  ^^^^^^ warning: Rule 'created' of event bus 'mixed' matches only AWS service events (source aws.s3), which AWS sends only to the account's default event bus: on this custom bus it never fires. Put the rule on a bus with \`default: true\`.
#   fix: none
        to: worker
      shop: { pattern: { source: [shop.orders] }, to: worker }
consumers:
  sender: { emits: [awsEvents] }
  worker: {}`,
  },
  {
    name: 'quiet when an external resource sends to the custom bus',
    yaml: `
archflow: 1
name: t
producers:
  partner:
    type: external
    resource: AWS::Events::EventBus
    arn: arn:aws:events:eu-west-1:123456789012:event-bus/partner
    to: [team]
routers:
  team:
    type: event-bus
    rules:
      created: { pattern: { source: [aws.s3] }, to: worker }
consumers:
  worker: {}`,
  },
  {
    name: 'the fix puts default: true right after type',
    yaml: `
archflow: 1
name: t
routers:
  awsEvents: { type: event-bus, rules: { created: { pattern: { source: [aws.s3] }, to: worker } } }
#                                                              ^^^^^^ warning: Rule 'created' of event bus 'awsEvents' matches only AWS service events (source aws.s3), which AWS sends only to the account's default event bus: on this custom bus it never fires. Put the rule on a bus with \`default: true\`.
#   fix: Make 'awsEvents' the account's default event bus
#   + awsEvents: { type: event-bus, default: true, rules: { created: { pattern: { source: [aws.s3] }, to: worker } } }
consumers:
  worker: {}`,
  },
]);
