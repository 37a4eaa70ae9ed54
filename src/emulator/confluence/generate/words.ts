/** Word pools for generated Confluence content: varied enough that titles and bodies read like a real wiki. */

export const SERVICES = [
  "Payments API",
  "Checkout",
  "Search Indexer",
  "Auth Gateway",
  "Notification Service",
  "Billing Worker",
  "Data Pipeline",
  "Inventory Sync",
  "Media Transcoder",
  "Edge Proxy",
  "Feature Flags",
  "Reporting Warehouse",
  "Identity Provider",
  "Mobile Backend",
  "Webhook Dispatcher",
] as const;

export const PROCEDURES = [
  "Restart Procedure",
  "Failover to Secondary Region",
  "Rotate Credentials",
  "Scale Out Under Load",
  "Drain and Replace Nodes",
  "Restore from Backup",
  "Clear Stuck Queue",
  "Roll Back a Deployment",
  "Investigate High Latency",
  "Renew TLS Certificates",
] as const;

export const DESIGN_TOPICS = [
  "Event Sourcing for Orders",
  "Multi-Region Active-Active",
  "Rate Limiting at the Edge",
  "Schema Registry Adoption",
  "Tenant Isolation in the Data Layer",
  "Replacing Cron with a Job Scheduler",
  "Idempotent Webhooks",
  "Search Relevance Tuning",
  "Cost-Aware Autoscaling",
  "Unified Audit Log",
  "Zero-Downtime Database Migrations",
  "Client SDK Versioning",
  "Caching Strategy for Product Pages",
  "Observability Standards",
] as const;

export const TEAMS = ["Platform", "Payments", "Growth", "Mobile", "Data", "Infra", "Frontend", "Security", "Support Tools"] as const;

export const MEETING_KINDS = [
  "Sync",
  "Planning",
  "Standup Notes",
  "Architecture Review",
  "Ops Review",
  "Weekly",
  "Roadmap Check-in",
] as const;

export const HOWTO_TASKS = [
  "Set Up Local Development",
  "Request Production Access",
  "Add a Feature Flag",
  "Write a Database Migration",
  "Publish a Client Library",
  "Debug a Failing Build",
  "Configure Alerting",
  "Run Load Tests",
  "Add a New Dashboard",
  "Onboard a New Service to CI",
  "Use the Staging Environment",
  "Profile Memory Usage",
] as const;

export const CAMPAIGNS = [
  "Spring Launch",
  "Customer Stories",
  "Partner Webinar Series",
  "Holiday Promotion",
  "Developer Conference",
  "Product Hunt Launch",
  "Brand Refresh",
  "Newsletter Relaunch",
  "Referral Program",
  "Regional Expansion",
] as const;

export const POLICIES = [
  "Incident Response Policy",
  "Access Review Policy",
  "Data Retention Policy",
  "Vendor Risk Assessment",
  "Encryption Standard",
  "Acceptable Use Policy",
  "Vulnerability Management",
  "Business Continuity Plan",
  "Security Awareness Training",
  "Key Management Procedure",
] as const;

export const VERBS = [
  "migrate",
  "deprecate",
  "benchmark",
  "document",
  "review",
  "automate",
  "monitor",
  "refactor",
  "harden",
  "simplify",
] as const;

export const NOUNS = [
  "the deploy pipeline",
  "the on-call rotation",
  "the alerting thresholds",
  "the staging cluster",
  "the API error budget",
  "the cache invalidation path",
  "the onboarding guide",
  "the release process",
  "the dashboard layout",
  "the retry policy",
  "the database indexes",
  "the backup schedule",
] as const;

export const OUTCOMES = [
  "reduced p95 latency by 30%",
  "cut build times in half",
  "removed a whole class of paging alerts",
  "made rollbacks a one-step operation",
  "gave support a self-serve view",
  "unblocked the mobile release",
  "kept the error rate under the SLO",
  "halved the cost of the nightly jobs",
] as const;

export const PROBLEMS = [
  "the alert fired twice before anyone acknowledged it",
  "the runbook was out of date",
  "staging did not match production",
  "the rollback took longer than expected",
  "ownership of the queue was unclear",
  "we found the issue from a customer report",
  "the dashboard hid the real error rate",
  "a config change skipped review",
] as const;

export const WELL = [
  "Pairing on the migration kept the change small",
  "The feature flag let us roll out gradually",
  "Communication in the incident channel was clear",
  "Load tests caught the regression early",
  "Docs were updated in the same pull request",
  "Support had talking points before launch",
] as const;

export const VERSION_MESSAGES = [
  "",
  "",
  "",
  "Fixed typos",
  "Updated steps after the last incident",
  "Added rollback section",
  "Clarified prerequisites",
  "Review comments addressed",
  "Updated owners",
  "Refreshed links",
  "Added action items",
  "Minor formatting",
] as const;

export const COMMENTS = [
  "Thanks, this is really helpful.",
  "Should we link the dashboard here as well?",
  "Step 3 needs updating now that we moved to the new cluster.",
  "I followed this during on-call last week and it worked.",
  "Can we add an owner for the open action items?",
  "Looks good to me.",
  "Is this still accurate after the migration?",
  "Added a note about the rollback window.",
  "Let's review this in the next sync.",
  "Great write-up, sharing with the team.",
] as const;

export const JIRA_KEYS = ["PLAT", "PAY", "WEB", "MOB", "DATA", "OPS", "SUP"] as const;

export const FIX_SUMMARIES = [
  "Timeout when exporting large reports",
  "Duplicate notifications after retry",
  "Search results missing archived items",
  "Incorrect currency rounding on invoices",
  "Login loop on expired sessions",
  "Slow dashboard load for large tenants",
  "Webhook signature mismatch on retries",
  "Crash when uploading empty files",
] as const;

export const LINKS = [
  ["https://status.example.com", "Status page"],
  ["https://grafana.example.com/d/overview", "Overview dashboard"],
  ["https://github.com/example/platform", "Platform repository"],
  ["https://pagerduty.example.com/schedules", "On-call schedule"],
  ["https://docs.example.com/api", "Public API docs"],
] as const;
