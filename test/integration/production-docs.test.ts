// The production examples (docs/docker/docker-compose.yml, nginx.conf, greenboard.env.example,
// docs/kubernetes/greenboard.yaml) and the pages that explain them, checked for what would
// break a user who copies them. Neither Docker nor Kubernetes runs here: the files are parsed
// and held against the server's sources, the Dockerfile and each other.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { parseConfig } from '../../server/config/load';

const root = join(import.meta.dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const SIZING_PLACEHOLDER = '<!-- sizing: filled from bench/RESULTS.md -->';

/** Every environment variable the server's code reads: `process.env.X`, `env.X`, `env['X']`, and names kept in tables (`'GREENBOARD_…'`). */
function variablesTheServerReads(): Set<string> {
  const names = new Set<string>();
  const scan = (dir: string) => {
    for (const entry of readdirSync(join(root, dir))) {
      const path = join(dir, entry);
      if (statSync(join(root, path)).isDirectory()) scan(path);
      else if (/\.(ts|mjs|js)$/.test(entry)) {
        const text = read(path);
        for (const pattern of [/\benv\??\.([A-Z][A-Z0-9_]*)\b/g, /\benv\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\]/g, /['"`](GREENBOARD_[A-Z0-9_]+)['"`]/g]) {
          for (const [, name] of text.matchAll(pattern)) names.add(name!);
        }
      }
    }
  };
  ['server', 'bin', 'scripts'].forEach(scan);
  return names;
}

// --- the image -------------------------------------------------------------------------
const dockerfile = read('docs/docker/Dockerfile');
const IMAGE_PORT = Number(/\bPORT=(\d+)/.exec(dockerfile)?.[1]);
const IMAGE_DATA_DIR = /\bGREENBOARD_DATA_DIR=(\S+)/.exec(dockerfile)?.[1];

// --- Compose ---------------------------------------------------------------------------
interface ComposeService {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string> | string[];
  env_file?: string | string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
}
const compose = parse(read('docs/docker/docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};
const services = Object.entries(compose.services);
/** The services built from the project's Dockerfile: the Greenboard instances. */
const instances = services.filter(([, s]) => s.build && posix.join('docs/docker', s.build.context, s.build.dockerfile) === 'docs/docker/Dockerfile');
const environmentOf = (service: ComposeService): Record<string, string> =>
  Array.isArray(service.environment)
    ? Object.fromEntries(service.environment.map((pair) => [pair.split('=')[0]!, pair.slice(pair.indexOf('=') + 1)]))
    : (service.environment ?? {});
const serviceByImage = (prefix: string) => services.find(([, s]) => s.image?.startsWith(prefix));
/** Every string value of a parsed YAML tree (comments are not values: Compose fills in none of them). */
const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(stringsOf) : [];
/** `${NAME…}` that Compose fills in (not `$${…}`, which it leaves to the container). */
const composeInterpolates = new Set(
  stringsOf(compose).flatMap((value) => [...value.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map(([, name]) => name!)),
);
const envExampleKeys = read('docs/docker/greenboard.env.example')
  .split('\n')
  .map((line) => /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1])
  .filter((key): key is string => key !== undefined);

// --- nginx -----------------------------------------------------------------------------
const nginxConf = read('docs/docker/nginx.conf').replace(/#.*$/gm, '');
const seconds = (text: string | undefined) => Number(/^(\d+)s?$/.exec(text ?? '')?.[1] ?? NaN);

// --- Kubernetes ------------------------------------------------------------------------
const k8sDocuments = parseAllDocuments(read('docs/kubernetes/greenboard.yaml'));
const k8s = k8sDocuments.map((doc) => doc.toJS());
const ofKind = (kind: string) => k8s.find((object) => object.kind === kind);
const deployment = ofKind('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const containerPort = (port: string | number) =>
  typeof port === 'number' ? port : container.ports.find((p: { name: string }) => p.name === port)?.containerPort;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

// --- Markdown --------------------------------------------------------------------------
const PAGES = ['docs/production.md', 'docs/kubernetes/README.md'];
const withoutCode = (text: string) => text.replace(/```[\s\S]*?```/g, '');
/** GitHub's anchor for a heading. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchorsOf = (path: string) => new Set([...withoutCode(read(path)).matchAll(/^#+\s+(.+)$/gm)].map(([, heading]) => slug(heading!)));
const codeBlock = (path: string, lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(read(path))?.[1] ?? '';

describe('the Compose example', () => {
  it('runs three Greenboard instances built from the project Dockerfile, from the repository root', () => {
    expect(instances.map(([name]) => name)).toHaveLength(3);
    for (const [, instance] of instances) expect(posix.join('docs/docker', instance.build!.context)).toBe('.');
    expect(existsSync(join(root, 'docs/docker/Dockerfile'))).toBe(true);
  });

  it('sets every instance up for cluster mode alike: the same database, Redis, config and secrets, each under its own name', () => {
    const [postgresName, postgres] = serviceByImage('postgres:16')!;
    const [redisName] = serviceByImage('redis:7')!;
    const envs = instances.map(([, s]) => environmentOf(s));
    const database = new URL(envs[0]!.DATABASE_URL!.replace(/\$\{[^}]*\}/, 'secret'));
    expect(database.protocol).toBe('postgres:');
    expect(`${database.hostname}:${database.port}`).toBe(`${postgresName}:5432`);
    expect(database.username).toBe(environmentOf(postgres).POSTGRES_USER);
    expect(database.pathname).toBe(`/${environmentOf(postgres).POSTGRES_DB}`);
    expect(envs[0]!.REDIS_URL).toBe(`redis://${redisName}:6379`);
    for (const env of envs) {
      expect(env.DATABASE_URL).toBe(envs[0]!.DATABASE_URL);
      expect(env.REDIS_URL).toBe(envs[0]!.REDIS_URL);
      expect(env.GREENBOARD_CONFIG).toBe(envs[0]!.GREENBOARD_CONFIG);
    }
    expect(new Set(envs.map((env) => env.GREENBOARD_INSTANCE_ID)).size).toBe(3);
    for (const [, instance] of instances) expect(instance.env_file).toBe('greenboard.env');
  });

  it('mounts the config directory read-only where GREENBOARD_CONFIG points', () => {
    for (const [, instance] of instances) {
      const config = environmentOf(instance).GREENBOARD_CONFIG!;
      expect(instance.volumes).toContainEqual(expect.stringMatching(new RegExp(`^\\./[^:]+:${dirname(config)}:ro$`)));
    }
  });

  it('starts every instance only once PostgreSQL and Redis are healthy, and keeps PostgreSQL data in a volume', () => {
    const [postgresName, postgres] = serviceByImage('postgres:16')!;
    const [redisName, redis] = serviceByImage('redis:7')!;
    for (const [, instance] of instances) {
      expect(instance.depends_on?.[postgresName]?.condition).toBe('service_healthy');
      expect(instance.depends_on?.[redisName]?.condition).toBe('service_healthy');
    }
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(redis.healthcheck?.test.join(' ')).toContain('ping');
    const [volume, target] = postgres.volumes![0]!.split(':');
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    expect(target).toBe('/var/lib/postgresql/data');
  });

  it('writes no secret: passwords are filled in from greenboard.env, and everything it fills in is in the example env file', () => {
    for (const [name, service] of services) {
      for (const [key, value] of Object.entries(environmentOf(service))) {
        if (/PASSWORD|SECRET|TOKEN|_KEY$/.test(key)) expect(value, `${name} ${key}`).toMatch(/^\$\{[A-Z_]+[:?}]/);
        const password = /^[a-z]+:\/\/[^:/@]*:([^@]*)@/.exec(value)?.[1];
        if (password !== undefined) expect(password, `${name} ${key}`).toMatch(/^\$\{[^}]+\}$/);
      }
    }
    expect(composeInterpolates.size).toBeGreaterThan(0);
    for (const name of composeInterpolates) expect(envExampleKeys, name).toContain(name);
  });

  it('checks each instance on /readyz at the port the image listens on', () => {
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${IMAGE_PORT}$`, 'm'));
    for (const [name, instance] of instances) {
      expect(environmentOf(instance).PORT ?? String(IMAGE_PORT), name).toBe(String(IMAGE_PORT));
      expect(instance.healthcheck?.test.join(' '), name).toContain(`127.0.0.1:${IMAGE_PORT}/readyz`);
    }
  });
});

describe('the nginx in front', () => {
  it('sends to exactly the three instances, on the port the image listens on', () => {
    const [, upstream = '', body = ''] = /upstream\s+(\S+)\s*\{([^}]*)\}/.exec(nginxConf) ?? [];
    const servers = [...body.matchAll(/^\s*server\s+([^\s;]+)/gm)].map(([, address]) => address);
    expect(servers.sort()).toEqual(instances.map(([name]) => `${name}:${IMAGE_PORT}`).sort());
    expect(nginxConf).toContain(`proxy_pass http://${upstream};`);
  });

  it('passes the WebSocket upgrade over HTTP/1.1 and keeps an idle board open for more than 60 s', () => {
    for (const conf of [nginxConf, codeBlock('docs/production.md', 'nginx')]) {
      expect(conf).toMatch(/proxy_http_version 1\.1;/);
      expect(conf).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
      expect(conf).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
      expect(conf).toMatch(/map \$http_upgrade \$connection_upgrade \{\s*default upgrade;/);
      expect(seconds(/proxy_read_timeout (\S+);/.exec(conf)?.[1])).toBeGreaterThan(60);
      expect(seconds(/proxy_send_timeout (\S+);/.exec(conf)?.[1])).toBeGreaterThan(60);
      // Only a sign-in proxy the operator runs may say who someone is.
      expect(conf).toMatch(/proxy_set_header X-Forwarded-User "";/);
    }
  });

  it('is the file Compose mounts, listening on the port Compose publishes, with the health path its check asks', () => {
    const [, nginx] = serviceByImage('nginx:')!;
    expect(nginx.volumes).toContain('./nginx.conf:/etc/nginx/nginx.conf:ro');
    const published = nginx.ports![0]!.split(':').at(-1);
    expect(nginxConf).toMatch(new RegExp(`^\\s*listen ${published};`, 'm'));
    const healthPath = /http:\/\/127\.0\.0\.1(\/\S+)/.exec(nginx.healthcheck!.test.join(' '))?.[1];
    expect(nginxConf).toContain(`location = ${healthPath} {`);
    for (const [name] of instances) expect(nginx.depends_on, name).toHaveProperty(name);
  });

  it("production.md's HAProxy snippet checks /readyz and keeps an upgraded connection open for more than 60 s", () => {
    const haproxy = codeBlock('docs/production.md', 'haproxy');
    expect(haproxy).toMatch(/option httpchk\n\s*http-check send meth GET uri \/readyz\n\s*http-check expect status 200/);
    expect(seconds(/timeout tunnel (\S+)/.exec(haproxy)?.[1])).toBeGreaterThan(60);
    expect(haproxy).toMatch(/http-request del-header X-Forwarded-User/);
  });
});

describe('the Kubernetes manifests', () => {
  it('parse as YAML documents, one object each', () => {
    for (const doc of k8sDocuments) expect(doc.errors).toEqual([]);
    expect(k8s.map((object) => object.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'Ingress', 'PodDisruptionBudget', 'Service']);
  });

  it('run three replicas, one replaced at a time, as a non-root user on a read-only root filesystem', () => {
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.strategy.rollingUpdate).toMatchObject({ maxSurge: 1, maxUnavailable: 0 });
    // The image's user is `node`, uid 1000 in the Node.js images; a name cannot be checked as non-root.
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  it('give the server a writable data directory and /tmp, the only places it writes', () => {
    const emptyDirs = new Set(pod.volumes.filter((v: { emptyDir?: object }) => v.emptyDir).map((v: { name: string }) => v.name));
    const dataDir = container.env.find((e: { name: string }) => e.name === 'GREENBOARD_DATA_DIR')?.value ?? IMAGE_DATA_DIR;
    for (const path of [dataDir, '/tmp']) {
      const mount = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === path);
      expect(emptyDirs.has(mount?.name), path).toBe(true);
    }
  });

  it('probe /readyz for readiness and /healthz for liveness, on the port the image listens on', () => {
    const port = container.env.find((e: { name: string }) => e.name === 'PORT')?.value ?? IMAGE_PORT;
    expect(container.ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([Number(port)]);
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.startupProbe.httpGet.path).toBe('/healthz');
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      expect(containerPort(probe.httpGet.port)).toBe(Number(port));
    }
  });

  it('have a Service, an Ingress and a disruption budget that find the pods, and timeouts above 60 s for WebSockets', () => {
    const labels = deployment.spec.template.metadata.labels;
    const service = ofKind('Service');
    const ingress = ofKind('Ingress');
    expect(matches(deployment.spec.selector.matchLabels, labels)).toBe(true);
    expect(matches(service.spec.selector, labels)).toBe(true);
    expect(matches(ofKind('PodDisruptionBudget').spec.selector.matchLabels, labels)).toBe(true);
    expect(containerPort(service.spec.ports[0].targetPort)).toBe(IMAGE_PORT);
    const backend = ingress.spec.rules[0].http.paths[0].backend.service;
    expect(backend.name).toBe(service.metadata.name);
    expect(service.spec.ports.some((p: { name: string; port: number }) => p.name === backend.port.name || p.port === backend.port.number)).toBe(true);
    for (const annotation of ['proxy-read-timeout', 'proxy-send-timeout']) {
      expect(Number(ingress.metadata.annotations[`nginx.ingress.kubernetes.io/${annotation}`])).toBeGreaterThan(60);
    }
  });

  it('read the config from the ConfigMap, a config the server accepts', () => {
    const configMap = ofKind('ConfigMap');
    const file = container.env.find((e: { name: string }) => e.name === 'GREENBOARD_CONFIG').value as string;
    const mount = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === dirname(file));
    expect(mount.readOnly).toBe(true);
    const volume = pod.volumes.find((v: { name: string }) => v.name === mount.name);
    expect(volume.configMap.name).toBe(configMap.metadata.name);
    const text = configMap.data[relative(dirname(file), file)];
    expect(text).toBeTypeOf('string');
    expect(parseConfig(text, file, {}).config.services.length).toBeGreaterThan(0);
  });

  it('take every secret from the Secret that the README tells the user to make, with every key', () => {
    const readme = read('docs/kubernetes/README.md');
    const refs = container.env
      .filter((e: { valueFrom?: { secretKeyRef?: object } }) => e.valueFrom?.secretKeyRef)
      .map((e: { valueFrom: { secretKeyRef: object } }) => e.valueFrom.secretKeyRef);
    expect(refs.map((ref: { key: string }) => ref.key).sort()).toEqual(['DATABASE_URL', 'REDIS_URL']);
    for (const ref of refs as Array<{ name: string; key: string }>) {
      const command = new RegExp(`create secret generic ${ref.name} \\\\\\n(\\s+--from-literal=\\S+ \\\\\\n)*\\s+--from-literal=${ref.key}=`);
      expect(readme, ref.key).toMatch(command);
    }
  });
});

describe('environment variables', () => {
  it('every variable the examples set for Greenboard is one the server reads', () => {
    const reads = variablesTheServerReads();
    const set = new Set<string>([
      ...instances.flatMap(([, s]) => Object.keys(environmentOf(s))),
      // The env file reaches the instances too; what is in it is for the server, or for Compose to fill in.
      ...envExampleKeys.filter((key) => !composeInterpolates.has(key)),
      ...container.env.map((e: { name: string }) => e.name),
    ]);
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'GREENBOARD_CONFIG', 'LOG_LEVEL']) expect(set).toContain(name);
    // A variable only other entries name, as $(POD_IP), is for Kubernetes to fill in, not for the server.
    const interpolated = new Set(container.env.flatMap((e: { value?: string }) => [...(e.value ?? '').matchAll(/\$\((\w+)\)/g)].map((m) => m[1]!)));
    expect([...set].filter((name) => !reads.has(name) && !interpolated.has(name))).toEqual([]);
    for (const name of ['GREENBOARD_INSTANCE_ID', 'GREENBOARD_ADVERTISE_URL']) expect(reads).toContain(name);
  });
});

describe('the pages', () => {
  it.each(PAGES)('the links of %s lead to files of the repository, and their anchors to headings', (page) => {
    const links = new Set([...withoutCode(read(page)).matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target!).filter((t) => !/^[a-z]+:/.test(t)));
    expect(links.size).toBeGreaterThan(0);
    for (const link of links) {
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path === '' ? page : posix.normalize(posix.join(posix.dirname(page), path));
      expect(existsSync(join(root, target)), `${page}: ${link}`).toBe(true);
      if (anchor) expect(anchorsOf(target), `${page}: ${link}`).toContain(anchor);
    }
  });

  it("production.md's Sizing table has its three deployments, and the benchmark's placeholder nowhere else", () => {
    const page = read('docs/production.md');
    const section = /^## Sizing\n([\s\S]*?)(?=^## )/m.exec(page)?.[1] ?? '';
    const rows = section.split('\n').filter((line) => line.startsWith('|'));
    expect(rows.slice(2).map((row) => row.split('|')[1]!.trim())).toEqual([
      'single instance, SQLite',
      'single instance, PostgreSQL',
      'three instances (PostgreSQL, Redis)',
    ]);
    const inRows = rows.slice(2).join('\n').split(SIZING_PLACEHOLDER).length - 1;
    expect(page.split(SIZING_PLACEHOLDER).length - 1).toBe(inRows);
  });
});
