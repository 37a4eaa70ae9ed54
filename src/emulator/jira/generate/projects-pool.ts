/**
 * Project templates the generator draws from: realistic names and keys, and the vocabulary
 * (components, artefacts, symptoms) its issue summaries are written with.
 */

export type ProjectFlavour = "scrum" | "bugtracking" | "kanban" | "business";
export type AccessModel = "open" | "confidential" | "restrictedEdit";

export interface ProjectTemplate {
  key: string;
  name: string;
  description: string;
  category: "Engineering" | "Operations" | "Business";
  flavour: ProjectFlavour;
  access: AccessModel;
  /** Parts of the product issues are about ("checkout page", "push notifications"). */
  components: readonly string[];
  /** Things that get upgraded, documented or monitored in tasks. */
  artefacts: readonly string[];
  labels: readonly string[];
}

export const PROJECT_POOL: readonly ProjectTemplate[] = [
  {
    key: "PLAT",
    name: "Platform Engineering",
    description: "Shared services, developer tooling and the internal platform every product team builds on.",
    category: "Engineering",
    flavour: "scrum",
    access: "open",
    components: ["service mesh", "CI pipeline", "feature flag service", "auth gateway", "config service", "build cache"],
    artefacts: ["Kubernetes", "Terraform", "Node.js", "PostgreSQL", "Envoy", "GitHub Actions runners"],
    labels: ["backend", "infra", "tech-debt", "performance", "security", "ci"],
  },
  {
    key: "MOB",
    name: "Mobile App",
    description: "The iOS and Android apps: onboarding, offline sync and notifications.",
    category: "Engineering",
    flavour: "scrum",
    access: "open",
    components: ["onboarding flow", "push notifications", "offline sync", "settings screen", "photo upload", "deep links"],
    artefacts: ["React Native", "Xcode", "Gradle", "Firebase SDK", "Sentry SDK", "Fastlane"],
    labels: ["ios", "android", "ux", "crash", "regression", "accessibility"],
  },
  {
    key: "WEB",
    name: "Web Storefront",
    description: "Customer-facing storefront: catalogue, search, cart and checkout.",
    category: "Engineering",
    flavour: "bugtracking",
    access: "open",
    components: ["checkout page", "product search", "shopping cart", "order history", "promo codes", "product detail page"],
    artefacts: ["Next.js", "Stripe API", "Algolia index", "CDN cache rules", "Webpack", "Storybook"],
    labels: ["frontend", "customer-reported", "regression", "seo", "performance", "payments"],
  },
  {
    key: "DATA",
    name: "Data Pipeline",
    description: "Ingestion, warehouse models and the reporting layer.",
    category: "Engineering",
    flavour: "scrum",
    access: "open",
    components: ["event ingestion", "nightly ETL job", "revenue dashboard", "dbt models", "CDC connector", "data quality checks"],
    artefacts: ["Airflow", "dbt", "Snowflake", "Kafka Connect", "Spark", "Great Expectations"],
    labels: ["etl", "analytics", "data-quality", "backfill", "tech-debt", "sla"],
  },
  {
    key: "OPS",
    name: "IT Operations",
    description: "Internal IT requests, laptops, access and office infrastructure.",
    category: "Operations",
    flavour: "kanban",
    access: "restrictedEdit",
    components: ["VPN", "SSO login", "office Wi-Fi", "laptop provisioning", "shared drives", "printer fleet"],
    artefacts: ["Okta", "Jamf", "Google Workspace", "Zoom Rooms", "1Password", "Intune"],
    labels: ["access-request", "hardware", "onboarding", "offboarding", "network", "urgent"],
  },
  {
    key: "SEC",
    name: "Security Incidents",
    description: "Confidential tracking of security incidents and vulnerability remediation.",
    category: "Operations",
    flavour: "bugtracking",
    access: "confidential",
    components: ["admin console", "public API", "S3 buckets", "IAM policies", "dependency audit", "WAF rules"],
    artefacts: ["OpenSSL", "log4j", "IAM roles", "TLS certificates", "secrets vault", "WAF"],
    labels: ["vulnerability", "incident", "pentest", "cve", "compliance", "phishing"],
  },
  {
    key: "MKT",
    name: "Marketing Campaigns",
    description: "Campaign planning, launches and content production.",
    category: "Business",
    flavour: "business",
    access: "open",
    components: ["spring launch", "newsletter", "webinar series", "landing page", "partner program", "case study"],
    artefacts: ["HubSpot", "brand guidelines", "press kit", "Google Ads", "LinkedIn campaign", "event booth"],
    labels: ["campaign", "content", "events", "social", "brand", "q3-goal"],
  },
  {
    key: "HR",
    name: "People Operations",
    description: "Hiring, onboarding and people processes. Restricted to the People team.",
    category: "Business",
    flavour: "business",
    access: "confidential",
    components: ["hiring plan", "onboarding checklist", "performance review cycle", "benefits enrollment", "offsite", "payroll"],
    artefacts: ["Workday", "Greenhouse", "handbook", "Lattice", "payroll export", "visa paperwork"],
    labels: ["hiring", "onboarding", "policy", "benefits", "confidential", "payroll"],
  },
  {
    key: "API",
    name: "Public API",
    description: "The public REST API, SDKs and developer documentation.",
    category: "Engineering",
    flavour: "bugtracking",
    access: "open",
    components: ["rate limiter", "webhooks", "OAuth flow", "pagination", "Python SDK", "OpenAPI spec"],
    artefacts: ["OpenAPI generator", "API gateway", "Redis", "Go toolchain", "Postman collection", "SDK release pipeline"],
    labels: ["api", "docs", "breaking-change", "sdk", "customer-reported", "performance"],
  },
  {
    key: "INFRA",
    name: "Cloud Infrastructure",
    description: "AWS accounts, networking, databases and observability.",
    category: "Engineering",
    flavour: "kanban",
    access: "open",
    components: ["staging cluster", "RDS failover", "VPC peering", "log shipping", "alerting rules", "backup jobs"],
    artefacts: ["AWS CDK", "Prometheus", "Grafana", "PagerDuty", "Vault", "Aurora PostgreSQL"],
    labels: ["aws", "observability", "cost", "reliability", "on-call", "infra"],
  },
];
