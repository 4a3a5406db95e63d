/**
 * A deterministic page of GitHub issues (`GET /repos/{owner}/{repo}/issues`, operation
 * `issues/list-for-repo`), valid against GitHub's spec in ../shared/bench-specs: the large-response
 * workload of the validation and first-validation benchmarks. Items carry the fields the real API
 * returns (users, labels, milestone, reactions, pull request links), not only the required ones.
 */

const API = "https://api.github.com";
const REPO = "octo-org/hello-world";
const LOGINS = ["octocat", "monalisa", "hubot", "defunkt", "mojombo", "pjhyett"] as const;
const LABELS = [
  ["bug", "d73a4a", "Something isn't working"],
  ["enhancement", "a2eeef", "New feature or request"],
  ["documentation", "0075ca", "Improvements or additions to documentation"],
  ["good first issue", "7057ff", "Good for newcomers"],
] as const;
const ASSOCIATIONS = ["OWNER", "MEMBER", "CONTRIBUTOR", "NONE"] as const;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** An RFC 3339 UTC time `hours` hours after 2024-01-01T00:00:00Z. */
function time(hours: number): string {
  return new Date(Date.UTC(2024, 0, 1) + hours * 3_600_000).toISOString().replace(/\.000Z$/, "Z");
}

/** GitHub's `simple-user` for login number `n`. */
export function githubUser(n: number): Record<string, unknown> {
  const login = LOGINS[n % LOGINS.length] as string;
  const url = `${API}/users/${login}`;
  return {
    login,
    id: 583231 + n,
    node_id: `MDQ6VXNlcjU4MzIz${pad(n)}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${583231 + n}?v=4`,
    gravatar_id: "",
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: "User",
    user_view_type: "public",
    site_admin: false,
  };
}

function label(n: number): Record<string, unknown> {
  const [name, color, description] = LABELS[n % LABELS.length] as readonly [string, string, string];
  return {
    id: 208045946 + n,
    node_id: `MDU6TGFiZWwyMDgwNDU5N${n}`,
    url: `${API}/repos/${REPO}/labels/${encodeURIComponent(name)}`,
    name,
    description,
    color,
    default: n === 0,
  };
}

function milestone(n: number): Record<string, unknown> {
  const url = `${API}/repos/${REPO}/milestones/${n}`;
  return {
    url,
    html_url: `https://github.com/${REPO}/milestone/${n}`,
    labels_url: `${url}/labels`,
    id: 1002604 + n,
    node_id: `MDk6TWlsZXN0b25lMTAwMjYw${n}`,
    number: n,
    state: n % 2 === 0 ? "open" : "closed",
    title: `v${n}.0`,
    description: n % 3 === 0 ? null : `Tracking milestone for version ${n}.0`,
    creator: githubUser(n),
    open_issues: 4 + n,
    closed_issues: 8 + n,
    created_at: time(n * 24),
    updated_at: time(n * 24 + 5),
    closed_at: n % 2 === 0 ? null : time(n * 24 + 30),
    due_on: n % 2 === 0 ? time(n * 24 + 720) : null,
  };
}

/** Issue `i` (0-based) of the page. */
export function githubIssue(i: number): Record<string, unknown> {
  const number = 1347 - i;
  const url = `${API}/repos/${REPO}/issues/${number}`;
  const closed = i % 4 === 3;
  const created = i * 7;
  const isPull = i % 5 === 2;
  return {
    url,
    repository_url: `${API}/repos/${REPO}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `https://github.com/${REPO}/${isPull ? "pull" : "issues"}/${number}`,
    id: 1_000_000_000 + i,
    node_id: `MDU6SXNzdWUx${String(i).padStart(6, "0")}`,
    number,
    title: `Found a bug in the ${LABELS[i % LABELS.length]?.[0]} flow (#${i})`,
    user: githubUser(i),
    labels: Array.from({ length: 1 + (i % 3) }, (_, k) => label(i + k)),
    state: closed ? "closed" : "open",
    locked: false,
    assignee: i % 3 === 0 ? null : githubUser(i + 1),
    assignees: i % 3 === 0 ? [] : [githubUser(i + 1)],
    milestone: i % 4 === 0 ? null : milestone(1 + (i % 5)),
    comments: (i * 13) % 40,
    created_at: time(created),
    updated_at: time(created + 3),
    closed_at: closed ? time(created + 48) : null,
    author_association: ASSOCIATIONS[i % ASSOCIATIONS.length],
    active_lock_reason: null,
    ...(isPull
      ? {
          draft: false,
          pull_request: {
            url: `${API}/repos/${REPO}/pulls/${number}`,
            html_url: `https://github.com/${REPO}/pull/${number}`,
            diff_url: `https://github.com/${REPO}/pull/${number}.diff`,
            patch_url: `https://github.com/${REPO}/pull/${number}.patch`,
            merged_at: closed ? time(created + 47) : null,
          },
        }
      : {}),
    body: `I'm having a problem with this.\n\nSteps to reproduce: call the API ${i} times.`,
    closed_by: closed ? githubUser(i + 2) : null,
    reactions: {
      url: `${url}/reactions`,
      total_count: i % 7,
      "+1": i % 4,
      "-1": 0,
      laugh: 0,
      hooray: i % 2,
      confused: 0,
      heart: i % 3 === 0 ? 1 : 0,
      rocket: 0,
      eyes: 0,
    },
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: closed ? "completed" : null,
    sub_issues_summary: { total: i % 3, completed: 0, percent_completed: 0 },
    type: null,
  };
}

/** A list page of `count` issues (default 100: about 530 KB of JSON). */
export function githubIssuesPage(count = 100): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => githubIssue(i));
}

/** The operation and validator the page is a response of. */
export const GITHUB_ISSUES = {
  operation: "issues/list-for-repo",
  validator: "v_issues_list_for_repo_200_0",
} as const;
