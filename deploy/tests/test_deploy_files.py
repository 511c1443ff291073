"""Static checks of the deployment files in deploy/, run without a Docker engine.

They parse the Dockerfiles and compose files and catch faults that would
otherwise show only on an operator's server. Among them are COPY sources that
are missing or excluded from the build context, a backend running as root,
missing health checks, relative bind mounts, settings missing from
.env.example, and CPU-specific compiler flags. `docker-compose config` (Debian's docker-compose
1.29) validates each compose file against its schema and interpolates it, and
merges the secret override files (compose.datamall-key.yaml,
compose.onemap-password.yaml) over compose.yaml.

Run from the repository root: /usr/bin/python3 -m pytest -q deploy/tests
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
DOCKERFILES = {
    "backend": DEPLOY / "backend.Dockerfile",
    "frontend": DEPLOY / "frontend.Dockerfile",
    "database": DEPLOY / "database.Dockerfile",
    "gateway": DEPLOY / "gateway.Dockerfile",
    "fetch-data": DEPLOY / "fetch-data.Dockerfile",
}
# Each compose file with the .env.example that must list its variables.
COMPOSE_FILES = {
    "production": (DEPLOY / "compose.yaml", DEPLOY / ".env.example"),
    "gateway": (DEPLOY / "gateway" / "compose.yaml", DEPLOY / "gateway" / ".env.example"),
    "development": (DEPLOY / "compose.dev.yaml", None),
}
# Override files merged over the production compose file, each with the
# secret that it mounts in the backend and the variable that it empties.
SECRET_OVERRIDES = {
    "datamall_account_key": (DEPLOY / "compose.datamall-key.yaml", "PITSTOP_DATAMALL_ACCOUNT_KEY"),
    "onemap_password": (DEPLOY / "compose.onemap-password.yaml", "PITSTOP_ONEMAP_PASSWORD"),
}
# Variables that Docker Compose itself reads from .env, not the compose file.
COMPOSE_OWN_VARIABLES = {"COMPOSE_PROJECT_NAME", "COMPOSE_FILE"}
# Runtime packages that every Debian 12 image contains.
DEBIAN_BASE_PACKAGES = {"libc6", "libstdc++6", "libgcc-s1"}


# --- Dockerfile parsing ------------------------------------------------------------------


@dataclass
class Instruction:
    keyword: str
    arguments: str


@dataclass
class Stage:
    base_image: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [instruction for instruction in self.instructions if instruction.keyword == keyword]


def parse_dockerfile(path: Path) -> list[Stage]:
    """Split a Dockerfile into stages of instructions, joining continued lines."""
    logical_lines: list[str] = []
    pending = ""
    for raw_line in path.read_text().splitlines():
        line = raw_line.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical_lines.append(pending + line)
        pending = ""
    assert not pending, f"{path}: the last instruction ends with a line continuation"

    stages: list[Stage] = []
    for line in logical_lines:
        keyword, _, arguments = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            words = arguments.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base_image=words[0], name=name))
            continue
        assert stages, f"{path}: '{keyword}' comes before the first FROM"
        stages[-1].instructions.append(Instruction(keyword, arguments.strip()))
    return stages


def copy_sources(instruction: Instruction) -> list[str]:
    """Return the build-context sources of a COPY, or [] for COPY --from."""
    words = instruction.arguments.split()
    flags = [word for word in words if word.startswith("--")]
    if any(flag.startswith("--from=") for flag in flags):
        return []
    paths = [word for word in words if not word.startswith("--")]
    assert len(paths) >= 2, f"COPY {instruction.arguments}: expected at least one source and a destination"
    return paths[:-1]


def apt_packages(instruction: Instruction) -> set[str]:
    """Return the package names of every `apt-get install` in a RUN."""
    packages: set[str] = set()
    for command in re.split(r"&&|\|\||;", instruction.arguments):
        words = command.split()
        if "apt-get" not in words or "install" not in words:
            continue
        after_install = words[words.index("install") + 1 :]
        packages.update(word for word in after_install if not word.startswith("-") and word not in {"{", "}"})
    return packages


def dockerignore_patterns() -> list[str]:
    lines = (REPO / ".dockerignore").read_text().splitlines()
    return [line.strip().lstrip("/") for line in lines if line.strip() and not line.startswith("#")]


def is_ignored(relative_path: str, patterns: list[str]) -> bool:
    """Approximate Docker's .dockerignore matching: a pattern excludes the path or a parent."""
    parts = Path(relative_path).parts
    prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    for pattern in patterns:
        if pattern.startswith("!"):
            continue
        for prefix in prefixes:
            if fnmatch.fnmatch(prefix, pattern):
                return True
            if pattern.startswith("**/") and fnmatch.fnmatch(prefix.split("/")[-1], pattern[3:]):
                return True
    return False


@pytest.fixture(scope="module")
def stages() -> dict[str, list[Stage]]:
    return {name: parse_dockerfile(path) for name, path in DOCKERFILES.items()}


# --- Dockerfiles -------------------------------------------------------------------------


@pytest.mark.parametrize("image", sorted(DOCKERFILES))
def test_copy_sources_exist_in_context(image, stages):
    patterns = dockerignore_patterns()
    for stage in stages[image]:
        for instruction in stage.all("COPY"):
            for source in copy_sources(instruction):
                path = REPO / source
                assert path.exists(), f"{DOCKERFILES[image].name}: COPY source '{source}' does not exist in the repository"
                assert not is_ignored(source.rstrip("/"), patterns), (
                    f"{DOCKERFILES[image].name}: COPY source '{source}' is excluded by .dockerignore"
                )


@pytest.mark.parametrize("image", sorted(DOCKERFILES))
def test_add_not_used(image, stages):
    # ADD fetches URLs and unpacks archives implicitly, so COPY is the explicit choice.
    for stage in stages[image]:
        assert not stage.all("ADD"), f"{DOCKERFILES[image].name}: use COPY instead of ADD"


@pytest.mark.parametrize("image", ["backend", "frontend", "database", "gateway"])
def test_final_stage_has_healthcheck(image, stages):
    final = stages[image][-1]
    healthchecks = final.all("HEALTHCHECK")
    assert healthchecks, f"{DOCKERFILES[image].name}: the final stage has no HEALTHCHECK"
    assert "NONE" not in healthchecks[-1].arguments.split()


@pytest.mark.parametrize("image", ["backend", "frontend", "gateway"])
def test_final_stage_runs_as_non_root(image, stages):
    users = stages[image][-1].all("USER")
    assert users, f"{DOCKERFILES[image].name}: the final stage has no USER, so it runs as root"
    user = users[-1].arguments.split(":")[0]
    assert user not in {"root", "0"}, f"{DOCKERFILES[image].name}: USER {users[-1].arguments} is root"


def test_backend_stages_use_debian_12(stages):
    backend = stages["backend"]
    assert backend[0].base_image == "debian:12"
    assert backend[-1].base_image == "debian:12-slim"
    assert len(backend) == 2, "the backend image has one build stage and one runtime stage"


def test_backend_healthcheck_requests_ready(stages):
    healthcheck = stages["backend"][-1].all("HEALTHCHECK")[-1].arguments
    assert "/ready" in healthcheck


def test_backend_runtime_copies_only_the_binary(stages):
    runtime = stages["backend"][-1]
    copies = runtime.all("COPY")
    assert len(copies) == 1
    assert copies[0].arguments.split()[-2:] == ["/src/build/pitstop", "/usr/local/bin/pitstop"]


def test_backend_build_has_no_cpu_specific_flags(stages):
    for instruction in stages["backend"][0].all("RUN"):
        if "cmake" not in instruction.arguments:
            continue
        configure = instruction.arguments.split("&&")[0]
        assert "-march" not in configure, configure
        assert "CMAKE_CXX_FLAGS" not in configure, configure


def test_build_stage_installs_every_build_library(stages):
    """The image builds with the -dev packages that scripts/install-dependencies.sh installs."""
    script = (REPO / "scripts" / "install-dependencies.sh").read_text()
    listed = re.search(r"packages=\((.*?)\)", script, re.DOTALL)
    assert listed, "scripts/install-dependencies.sh: the packages=( ... ) list was not found"
    words = [word for line in listed.group(1).splitlines() for word in line.split("#")[0].split()]
    # Test and fuzzing tools, which the image does not build with.
    test_only = {"libgtest-dev", "libgmock-dev", "libclang-rt-14-dev"}
    build_libraries = {word for word in words if word.endswith("-dev")} - test_only

    installed = set()
    for instruction in stages["backend"][0].all("RUN"):
        installed |= apt_packages(instruction)
    assert build_libraries <= installed, f"missing from the build stage: {sorted(build_libraries - installed)}"
    assert {"libpqxx-dev", "libpq-dev"} <= installed


def find_backend_binary() -> Path | None:
    build_dir = Path(os.environ.get("PITSTOP_BUILD_DIR", REPO / "build"))
    binary = build_dir / "pitstop"
    return binary if binary.is_file() else None


def needed_libraries(binary: Path) -> list[str]:
    output = subprocess.run(["readelf", "-d", str(binary)], check=True, capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", output)


def debian_package_of(library: str) -> str:
    """Return the Debian package that contains LIBRARY, as found by ldconfig and dpkg."""
    cache = subprocess.run(["ldconfig", "-p"], check=True, capture_output=True, text=True).stdout
    match = re.search(rf"^\s*{re.escape(library)} \(libc6,x86-64[^)]*\) => (\S+)$", cache, re.MULTILINE)
    assert match, f"{library} is not in the dynamic linker's cache (ldconfig -p)"
    path = Path(match.group(1))
    # dpkg records a file under either /lib or /usr/lib, depending on the package.
    candidates = {str(path), str(path.resolve())}
    candidates |= {candidate.removeprefix("/usr") for candidate in list(candidates)}
    candidates |= {"/usr" + candidate for candidate in list(candidates) if not candidate.startswith("/usr")}
    for candidate in sorted(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":")[0]
    raise AssertionError(f"dpkg -S found no package for {library} ({sorted(candidates)})")


def test_runtime_packages_cover_linked_libraries(stages):
    """Every library that the local Release build links comes from a package in the runtime stage."""
    binary = find_backend_binary()
    if binary is None:
        pytest.skip("build/pitstop is missing: run scripts/build.sh (or set PITSTOP_BUILD_DIR) first")
    installed = set()
    for instruction in stages["backend"][-1].all("RUN"):
        installed |= apt_packages(instruction)
    missing = {}
    for library in needed_libraries(binary):
        package = debian_package_of(library)
        if package not in installed | DEBIAN_BASE_PACKAGES:
            missing[library] = package
    assert not missing, f"add these packages to the runtime stage of backend.Dockerfile: {missing}"


def test_gateway_build_arguments_match_network_aliases(stages):
    arguments = dict(
        instruction.arguments.split("=", 1) for instruction in stages["gateway"][-1].all("ARG") if "=" in instruction.arguments
    )
    production = yaml.safe_load(COMPOSE_FILES["production"][0].read_text())
    backend_aliases = production["services"]["backend"]["networks"]["gateway"]["aliases"]
    frontend_aliases = production["services"]["frontend"]["networks"]["gateway"]["aliases"]
    assert arguments["PITSTOP_BACKEND_ADDR"].split(":")[0] in backend_aliases
    assert arguments["PITSTOP_FRONTEND_ADDR"].split(":")[0] in frontend_aliases
    assert arguments["PITSTOP_BACKEND_ADDR"].endswith(":8000")
    assert arguments["PITSTOP_FRONTEND_ADDR"].endswith(":3000")


def test_gateway_render_adds_dynamic_lookup(tmp_path):
    """The gateway image's render: upstreams looked up through Docker's DNS while nginx runs."""
    environment = dict(
        os.environ,
        PITSTOP_GATEWAY_PORT="8080",
        PITSTOP_BACKEND_ADDR="pitstop-backend:8000",
        PITSTOP_FRONTEND_ADDR="pitstop-frontend:3000",
        PITSTOP_GATEWAY_RESOLVER="127.0.0.11",
        # Debian 12's nginx 1.22 lacks `resolve`; the image's nginx 1.28 runs nginx -t at build time.
        PITSTOP_GATEWAY_SKIP_TEST="1",
    )
    subprocess.run(
        ["bash", str(REPO / "scripts" / "web-render-gateway.sh"), str(tmp_path / "gateway")],
        check=True, env=environment, capture_output=True, text=True,
    )
    rendered = (tmp_path / "gateway" / "conf.d" / "pitstop.conf").read_text()
    assert "server pitstop-backend:8000 resolve;" in rendered
    assert "server pitstop-frontend:3000 resolve;" in rendered
    assert rendered.count("resolver 127.0.0.11 valid=10s;") == 2
    assert "zone pitstop_backend 64k;" in rendered
    assert "zone pitstop_frontend 64k;" in rendered


def test_no_native_cpu_flags_in_build_files():
    """No -march=native or -mtune=native outside comments in the files that build the backend."""
    files = [REPO / "backend" / "CMakeLists.txt", *REPO.glob("backend/**/*.cmake"), *DOCKERFILES.values()]
    files += [*REPO.glob("scripts/**/*.sh"), *REPO.glob("backend/**/CMakeLists.txt"), REPO / ".ci" / "run"]
    offenders = []
    for path in files:
        if not path.is_file() or "build" in path.relative_to(REPO).parts[:1]:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            code = line.split("#", 1)[0]
            if "-march=native" in code or "-mtune=native" in code:
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders, "CPU-specific flags make the binary fail on older CPUs:\n" + "\n".join(offenders)


def test_local_build_has_no_march_flags():
    binary = find_backend_binary()
    if binary is None:
        pytest.skip("build/pitstop is missing: run scripts/build.sh first")
    commands = binary.parent / "compile_commands.json"
    assert commands.is_file(), f"{commands} is missing (CMAKE_EXPORT_COMPILE_COMMANDS is on in backend/CMakeLists.txt)"
    text = commands.read_text()
    assert "-march=" not in text
    assert "-mavx" not in text


def test_dockerignore_excludes_local_state():
    patterns = dockerignore_patterns()
    for path in ["build", "build-asan", "backend/build", "frontend/node_modules", "frontend/.next", "run",
                 "test-artifacts", "deploy/.env", ".git"]:
        assert is_ignored(path, patterns), f".dockerignore does not exclude {path}"
    for path in ["backend/src", "frontend/src", "gateway/nginx.conf", "scripts/web-render-gateway.sh"]:
        assert not is_ignored(path, patterns), f".dockerignore excludes {path}, which an image needs"


# --- Compose files -----------------------------------------------------------------------


def load_compose(name: str) -> dict:
    return yaml.safe_load(COMPOSE_FILES[name][0].read_text())


def compose_variables(text: str) -> set[str]:
    """Return the names in ${NAME}, ${NAME:-default} and ${NAME:?message}; $$ escapes are skipped."""
    text = text.replace("$$", "")
    return set(re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*)", text))


def env_example_names(path: Path) -> set[str]:
    names = set()
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)=", line)
        if match:
            names.add(match.group(1))
    return names


def variable_default(text: str, name: str) -> str | None:
    match = re.search(rf"\$\{{{name}:?-([^}}]*)\}}", text)
    return match.group(1) if match else None


@pytest.mark.parametrize("name", ["production", "gateway"])
def test_env_example_lists_every_variable(name):
    compose_path, env_path = COMPOSE_FILES[name]
    used = compose_variables(compose_path.read_text())
    if name == "production":
        for override_path, _ in SECRET_OVERRIDES.values():
            used |= compose_variables(override_path.read_text())
    listed = env_example_names(env_path)
    assert used - listed == set(), f"{env_path.relative_to(REPO)} lacks {sorted(used - listed)}"
    unused = listed - used - COMPOSE_OWN_VARIABLES
    assert unused == set(), f"{env_path.relative_to(REPO)} lists settings that nothing reads: {sorted(unused)}"


def test_env_example_comments_every_setting():
    for _, env_path in COMPOSE_FILES.values():
        if env_path is None:
            continue
        previous = ""
        for line in env_path.read_text().splitlines():
            if re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", line):
                assert previous.startswith("#") or re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", previous), (
                    f"{env_path.relative_to(REPO)}: '{line}' has no comment above it"
                )
            previous = line


def bind_sources(compose: dict) -> list[tuple[str, str]]:
    """Return (service, source) for every volume and secret file that is not a named volume."""
    named = set((compose.get("volumes") or {}).keys())
    sources = []
    for service_name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            if isinstance(volume, dict):
                if volume.get("type") == "bind":
                    sources.append((service_name, volume["source"]))
                continue
            source = volume.split(":")[0] if not volume.startswith("${") else volume[: volume.index("}") + 1]
            if source not in named:
                sources.append((service_name, source))
    for secret_name, secret in (compose.get("secrets") or {}).items():
        if "file" in secret:
            sources.append((f"secret {secret_name}", secret["file"]))
    return sources


@pytest.mark.parametrize("name", sorted(COMPOSE_FILES) + sorted(SECRET_OVERRIDES))
def test_no_relative_bind_mounts(name):
    path = COMPOSE_FILES[name][0] if name in COMPOSE_FILES else SECRET_OVERRIDES[name][0]
    text = path.read_text()
    for owner, source in bind_sources(yaml.safe_load(text)):
        if source.startswith("${"):
            variable = re.match(r"\$\{([A-Za-z0-9_]+)", source).group(1)
            default = variable_default(source, variable)
            required = f"${{{variable}:?" in source
            assert required or (default and default.startswith("/")), (
                f"{owner}: '{source}' must default to an absolute path or be required with :?"
            )
            rest = source[source.index("}") + 1 :]
            assert not rest or rest.startswith("/"), f"{owner}: '{source}'"
        else:
            assert source.startswith("/"), f"{owner}: bind mount '{source}' is relative; use a named volume or an absolute path"
        assert "${" in text or source.startswith("/")


def test_production_services_restart_and_check_health():
    compose = load_compose("production")
    for name, service in compose["services"].items():
        profiles = service.get("profiles", [])
        if "tools" in profiles or name == "migrate":
            assert service.get("restart", "no") == "no", f"{name} is a one-off task and must not restart"
            continue
        assert service.get("restart") == "unless-stopped", f"{name}: restart must be unless-stopped"
        if name != "cloudflared":
            assert "healthcheck" in service, f"{name}: no healthcheck"


def test_production_backend_waits_for_healthy_database():
    compose = load_compose("production")
    backend = compose["services"]["backend"]
    assert backend["depends_on"]["db"]["condition"] == "service_healthy"
    assert backend["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert compose["services"]["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "/ready" in " ".join(backend["healthcheck"]["test"])
    assert "pg_isready" in " ".join(compose["services"]["db"]["healthcheck"]["test"])


def test_production_uses_secret_files_for_passwords():
    compose = load_compose("production")
    database = compose["services"]["db"]
    migrate = compose["services"]["migrate"]
    backend = compose["services"]["backend"]
    assert "POSTGRES_PASSWORD" not in database["environment"]
    assert database["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/db_password"
    assert set(database["secrets"]) == {"db_password", "db_server_password"}
    assert migrate["environment"]["PITSTOP_DATABASE_PASSWORD_FILE"] == "/run/secrets/db_password"
    assert migrate["secrets"] == ["db_password"]
    assert backend["environment"]["PITSTOP_DATABASE_PASSWORD_FILE"] == "/run/secrets/db_server_password"
    assert backend["secrets"] == ["db_server_password"], "the backend must not get the schema owner's password"
    for service in (migrate, backend):
        url = service["environment"]["PITSTOP_DATABASE_URL"]
        user_part = url.split("//")[1].split("@")[0]
        assert "PASSWORD" not in url, f"the database URL '{url}' must not contain the password"
        assert not re.search(r"\}:|^[^$]*:", user_part), f"the database URL '{url}' must not contain a password"


def test_production_backend_logs_in_without_schema_rights():
    compose = load_compose("production")
    backend = compose["services"]["backend"]
    assert backend["environment"]["PITSTOP_DATABASE_URL"].startswith("postgresql://pitstop_server@db:5432/")
    assert "--skip-migrations" in backend["command"]
    assert compose["services"]["migrate"]["command"][-2:] == ["db", "migrate"]
    init_script = (DEPLOY / "database-init" / "20_pitstop_server_role.sh").read_text()
    assert "role=pitstop_server" in init_script
    assert "GRANT pitstop_app TO" in init_script


def test_init_files_run_after_migrations():
    """The image runs init files in name order: the role script needs pitstop_app from the migrations."""
    migrations = sorted(path.name for path in (REPO / "database" / "migrations").glob("*.sql"))
    scripts = sorted(path.name for path in (DEPLOY / "database-init").iterdir())
    assert migrations, "database/migrations has no .sql files"
    assert max(migrations) < min(scripts), f"{scripts} must sort after {migrations}"
    for script in scripts:
        assert os.access(DEPLOY / "database-init" / script, os.X_OK), f"{script} must be executable"


def test_production_networks():
    compose = load_compose("production")
    assert compose["networks"]["gateway"]["external"] is True
    services = compose["services"]
    assert set(services["db"]["networks"]) == {"pitstop"}, "the database stays off the shared gateway network"
    assert set(services["backend"]["networks"]) == {"pitstop", "gateway"}
    assert set(services["frontend"]["networks"]) == {"gateway"}
    for name, service in services.items():
        assert "ports" not in service, f"{name} publishes a port; in production only the gateway does"


def test_production_volumes_are_named():
    compose = load_compose("production")
    assert set(compose["volumes"]) == {"pgdata", "osm-data"}
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]
    assert "osm-data:/data:ro" in compose["services"]["backend"]["volumes"]


def test_optional_services_use_profiles():
    services = load_compose("production")["services"]
    assert services["cloudflared"]["profiles"] == ["tunnel"]
    assert services["fetch-data"]["profiles"] == ["tools"]
    assert "/run/secrets/tunnel_token" in services["cloudflared"]["command"]


def test_development_publishes_only_on_loopback():
    for name, service in load_compose("development")["services"].items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name}: port '{port}' is published on every interface"


@pytest.mark.parametrize("name", sorted(COMPOSE_FILES))
def test_build_contexts_are_repository_root(name):
    compose_path = COMPOSE_FILES[name][0]
    for service_name, service in load_compose(name)["services"].items():
        build = service.get("build")
        if build is None:
            continue
        context = (compose_path.parent / build["context"]).resolve()
        assert context == REPO, f"{service_name}: build context {context} is not the repository root"
        assert (REPO / build["dockerfile"]).is_file(), f"{service_name}: {build['dockerfile']} is missing"


@pytest.mark.parametrize("name", sorted(COMPOSE_FILES))
def test_docker_compose_config_accepts_file(name, tmp_path):
    """Debian's docker-compose validates the schema and interpolation, with no engine needed."""
    docker_compose = shutil.which("docker-compose")
    assert docker_compose, "docker-compose is not installed: run scripts/install-dependencies.sh"
    compose_path, env_path = COMPOSE_FILES[name]
    environment = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "PITSTOP_HOST_DATA_DIR": "/srv/pitstop/data"}
    command = [docker_compose, "--project-directory", str(compose_path.parent), "-f", str(compose_path)]
    if env_path is not None:
        command += ["--env-file", str(env_path)]
    result = subprocess.run([*command, "config", "-q"], env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    if name == "production":
        result = subprocess.run([*command, "--profile", "tunnel", "--profile", "tools", "config", "--services"],
                                env=environment, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert set(result.stdout.split()) == {"db", "migrate", "backend", "frontend", "cloudflared", "fetch-data"}


def merged_production_config(override_paths: list[Path], tmp_path: Path, compose_file_in_env: bool) -> dict:
    """Return `docker-compose config` of compose.yaml merged with OVERRIDE_PATHS.

    With COMPOSE_FILE_IN_ENV the files are named by COMPOSE_FILE in a copy of
    .env.example, as the operator's .env names them. Otherwise -f options name them.
    It runs in deploy/, as the operator does, because docker-compose 1.29
    resolves the relative names in COMPOSE_FILE against the working directory.
    """
    docker_compose = shutil.which("docker-compose")
    assert docker_compose, "docker-compose is not installed: run scripts/install-dependencies.sh"
    compose_path, env_path = COMPOSE_FILES["production"]
    names = [compose_path.name, *(path.name for path in override_paths)]
    environment = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    if compose_file_in_env:
        env_copy = tmp_path / ".env"
        env_copy.write_text(env_path.read_text() + f"\nCOMPOSE_FILE={':'.join(names)}\n")
        command = [docker_compose, "--project-directory", str(DEPLOY), "--env-file", str(env_copy)]
    else:
        command = [docker_compose, "--project-directory", str(DEPLOY), "--env-file", str(env_path)]
        for name in names:
            command += ["-f", str(DEPLOY / name)]
    result = subprocess.run([*command, "config"], cwd=DEPLOY, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def assert_backend_reads_secret_files(config: dict, secret_names: list[str]) -> None:
    backend = config["services"]["backend"]
    environment = backend["environment"]
    mounted = {secret["source"] if isinstance(secret, dict) else secret for secret in backend["secrets"]}
    assert mounted == {"db_server_password", *secret_names}
    for secret_name in secret_names:
        _, variable = SECRET_OVERRIDES[secret_name]
        assert environment[f"{variable}_FILE"] == f"/run/secrets/{secret_name}"
        assert environment[variable] == "", f"{variable} must be empty: the backend rejects a secret set both ways"
        assert config["secrets"][secret_name]["file"] == f"/etc/pitstop/secrets/{secret_name}"
    for secret_name, (_, variable) in SECRET_OVERRIDES.items():
        if secret_name not in secret_names:
            assert f"{variable}_FILE" not in environment
    # The other services and the database secrets stay as compose.yaml has them.
    assert [secret["source"] for secret in config["services"]["migrate"]["secrets"]] == ["db_password"]
    assert environment["PITSTOP_DATABASE_PASSWORD_FILE"] == "/run/secrets/db_server_password"
    assert {"db_password", "db_server_password", "tunnel_token"} <= set(config["secrets"])


@pytest.mark.parametrize("secret_name", sorted(SECRET_OVERRIDES))
def test_secret_override_merges_alone(secret_name, tmp_path):
    override_path, _ = SECRET_OVERRIDES[secret_name]
    config = merged_production_config([override_path], tmp_path, compose_file_in_env=False)
    assert_backend_reads_secret_files(config, [secret_name])


@pytest.mark.parametrize("compose_file_in_env", [False, True], ids=["-f", "COMPOSE_FILE"])
def test_secret_overrides_merge_together(compose_file_in_env, tmp_path):
    names = sorted(SECRET_OVERRIDES)
    paths = [SECRET_OVERRIDES[name][0] for name in names]
    config = merged_production_config(paths, tmp_path, compose_file_in_env)
    assert_backend_reads_secret_files(config, names)


def test_secret_overrides_touch_only_the_backend():
    for secret_name, (override_path, variable) in SECRET_OVERRIDES.items():
        override = yaml.safe_load(override_path.read_text())
        assert set(override["services"]) == {"backend"}, f"{override_path.name} changes other services"
        assert set(override["secrets"]) == {secret_name}
        assert variable in COMPOSE_FILES["production"][0].read_text(), f"compose.yaml no longer sets {variable}"


def test_env_example_compose_file_names_existing_files():
    """The COMPOSE_FILE setting and the example in its comment name files in deploy/."""
    _, env_path = COMPOSE_FILES["production"]
    text = env_path.read_text()
    assert re.search(r"^COMPOSE_FILE=", text, re.MULTILINE), f"{env_path.relative_to(REPO)} has no COMPOSE_FILE setting"
    values = re.findall(r"^#?\s*COMPOSE_FILE=(\S+)", text, re.MULTILINE)
    assert any(all(f"{path.name}" in value for path, _ in SECRET_OVERRIDES.values()) for value in values), (
        "the COMPOSE_FILE comment should show both secret override files"
    )
    for value in values:
        names = value.split(":")
        assert names[0] == "compose.yaml", f"COMPOSE_FILE={value} must start with the base file"
        for name in names:
            assert (DEPLOY / name).is_file(), f"COMPOSE_FILE={value} names {name}, which is not in deploy/"


def test_shell_scripts_parse():
    scripts = [DEPLOY / "fetch-data.sh", REPO / "scripts" / "web-render-gateway.sh", REPO / "scripts" / "run-native-stack.sh",
               REPO / "scripts" / "test-backend-image.sh"]
    for script in [*scripts, *(DEPLOY / "database-init").glob("*.sh")]:
        result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert result.returncode == 0, f"{script.relative_to(REPO)}: {result.stderr}"


def shared_data_dir() -> Path:
    return Path(os.environ.get("PITSTOP_DATA_DIR", REPO.parent / "shared" / "data"))


def test_fetch_data_with_local_sources(tmp_path):
    """fetch-data.sh on file:// copies of the real data: MD5 check, osmium cut, station list."""
    data = shared_data_dir()
    source = tmp_path / "source"
    (source / "package" / "data" / "processed").mkdir(parents=True)
    shutil.copy(data / "osm" / "singapore-bike-network-2025-12.osm.pbf", source / "extract.osm.pbf")
    md5 = subprocess.run(["md5sum", "extract.osm.pbf"], cwd=source, check=True, capture_output=True, text=True).stdout
    (source / "extract.osm.pbf.md5").write_text(md5)
    shutil.copy(data / "reference" / "mrt-stations-2018.json", source / "package/data/processed/mrt_stations.json")
    subprocess.run(["tar", "-czf", "nearest-mrt.tgz", "package"], cwd=source, check=True)

    environment = dict(
        os.environ,
        PITSTOP_OSM_SOURCE_URL=f"file://{source}/extract.osm.pbf",
        PITSTOP_STATIONS_URL=f"file://{source}/nearest-mrt.tgz",
    )
    target = tmp_path / "data"
    result = subprocess.run(["bash", str(DEPLOY / "fetch-data.sh"), str(target)], env=environment,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "MD5 checked" in result.stdout

    extract = target / "osm" / "singapore.osm.pbf"
    info = subprocess.run(["osmium", "fileinfo", "-e", "-g", "data.count.ways", str(extract)],
                          check=True, capture_output=True, text=True).stdout
    assert int(info) > 50000, "the Singapore box keeps the test extract's ways"
    stations = (target / "reference" / "mrt-stations-2018.json").read_bytes()
    assert stations == (data / "reference" / "mrt-stations-2018.json").read_bytes()

    # A second run keeps both files.
    again = subprocess.run(["bash", str(DEPLOY / "fetch-data.sh"), str(target)], env=environment,
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "exists: keeping it" in again.stdout


def test_fetch_data_rejects_damaged_download(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(shared_data_dir() / "osm" / "singapore-bike-network-2025-12.osm.pbf", source / "extract.osm.pbf")
    (source / "extract.osm.pbf.md5").write_text("0" * 32 + "  extract.osm.pbf\n")
    environment = dict(os.environ, PITSTOP_OSM_SOURCE_URL=f"file://{source}/extract.osm.pbf")
    result = subprocess.run(["bash", str(DEPLOY / "fetch-data.sh"), str(tmp_path / "data")], env=environment,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "the download is damaged" in result.stderr
    assert not (tmp_path / "data" / "osm" / "singapore.osm.pbf").exists()
