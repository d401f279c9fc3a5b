#!/usr/bin/env python3
"""Groups the application's use cases by capability (issue 15, ARCHITECTURE.md section 8).

Moves each class of the flat packages io.leadsync.application.port.in and io.leadsync.application.service (main and
test sources) into a capability sub-package named in TABLE, with git mv, and rewrites package lines, imports and fully
qualified names in every module's Java sources (main and test). Idempotent: a class already in its package is left
alone, so the script can be rerun after merging branches that add classes.

It FAILS, moving nothing, when a class in the flat packages is not in TABLE: add the new names and rerun. A test class
(FooTest, FooIT, FooContract) follows its subject Foo unless TABLE names it. SHARED entries stay in the flat package
(the types every capability speaks: errors and outcomes).

Usage: python3 scripts/group-use-cases.py [--dry-run]   (from the repository root)
"""
import os
import re
import subprocess
import sys

BASE = "io.leadsync.application"
FLAT = {"port.in": f"{BASE}.port.in", "service": f"{BASE}.service"}
SHARED = "."  # stays in the flat package

CAPTURE, DELIVER, PULL, CONNECT, CONFIGURE, ADMINISTER = (
    "capture", "delivery", "pull", "connect", "configure", "administer")

# class name -> capability. One table for port.in and service: a name is unique across both.
TABLE = {
    # capture: agents write and read leads through the agent API and MCP
    "AgentPrincipal": CAPTURE, "AuthenticateAgentQuery": CAPTURE, "AuthenticateAgentUseCase": CAPTURE,
    "AuthenticateAgentService": CAPTURE, "DuplicateLeadException": CAPTURE, "GetLeadQuery": CAPTURE,
    "GetLeadUseCase": CAPTURE, "GetLeadService": CAPTURE, "IdempotencyUseCase": CAPTURE,
    "IdempotencyService": CAPTURE, "InvalidTargetsException": CAPTURE, "LeadActionCommand": CAPTURE,
    "LeadActionResult": CAPTURE, "LeadOutcome": CAPTURE, "LeadPage": CAPTURE, "ListAgentTargetsUseCase": CAPTURE,
    "ListAgentTargetsService": CAPTURE, "ListLeadsQuery": CAPTURE, "ListLeadsUseCase": CAPTURE,
    "ListLeadsService": CAPTURE, "LogActivityCommand": CAPTURE, "LogActivityUseCase": CAPTURE,
    "LogActivityService": CAPTURE, "LoggedActivity": CAPTURE, "PerformLeadActionUseCase": CAPTURE,
    "LeadActionService": CAPTURE, "RecordAgentCallUseCase": CAPTURE, "RecordAgentCallService": CAPTURE,
    "SearchLeadsUseCase": CAPTURE, "SearchLeadsService": CAPTURE, "TrackActionUseCase": CAPTURE,
    "TrackActionService": CAPTURE, "ActionReport": CAPTURE, "AgentTargets": CAPTURE, "ActivityTargets": CAPTURE,
    "LeadWriter": CAPTURE, "TargetCheck": CAPTURE, "LeadServicesTest": CAPTURE,
    # delivery: leads and activities out to CRMs and endpoints
    "BackfillCommand": DELIVER, "BackfillUseCase": DELIVER, "BackfillService": DELIVER,
    "GetEndpointStatusUseCase": DELIVER, "GetEndpointStatusService": DELIVER, "GetSyncProgressUseCase": DELIVER,
    "LeadDeliveryStatesUseCase": DELIVER, "LeadDeliveryStatesService": DELIVER, "PushActivitiesUseCase": DELIVER,
    "PushDeliveriesUseCase": DELIVER, "ResyncCommand": DELIVER, "RouteChangesUseCase": DELIVER,
    "RouteChangesService": DELIVER, "SyncNowCommand": DELIVER, "SyncNowUseCase": DELIVER, "SyncProgress": DELIVER,
    "SyncReport": DELIVER, "PushRecords": DELIVER, "SalesforceEndpointDelivery": DELIVER, "LinkConflicts": DELIVER,
    "ConnectionNotSyncingException": DELIVER,
    # pull: CRM edits back into LeadSync
    "PullChangesUseCase": PULL, "PullChangesService": PULL, "ConnectionPull": PULL, "PullAudit": PULL,
    "PullParts": PULL, "PullTally": PULL, "PulledPage": PULL, "MergedRecords": PULL, "LeadConversions": PULL,
    "LeadLinksUseCase": PULL, "LeadLinksService": PULL,
    # connect: connections to CRMs and endpoints, their health, budget and tokens
    "CompleteConnectCommand": CONNECT, "CompleteConnectUseCase": CONNECT, "CompleteConnectService": CONNECT,
    "ConfirmConnectUseCase": CONNECT, "ConfirmConnectService": CONNECT, "ConnectFailedException": CONNECT,
    "ConnectionErrorsUseCase": CONNECT, "ConnectionErrorsService": CONNECT, "ConnectionHealthUseCase": CONNECT,
    "ConnectionHealthService": CONNECT, "CreateEndpointConnectionCommand": CONNECT,
    "CreateEndpointConnectionUseCase": CONNECT, "CreateEndpointConnectionService": CONNECT,
    "DisconnectCommand": CONNECT, "DisconnectUseCase": CONNECT, "DisconnectService": CONNECT, "ErrorGroup": CONNECT,
    "GetConnectionBudgetUseCase": CONNECT, "GetConnectionBudgetService": CONNECT, "ListConnectionsQuery": CONNECT,
    "ListConnectionsUseCase": CONNECT, "ListConnectionsService": CONNECT, "ProvisionConnectionCommand": CONNECT,
    "ProvisionConnectionUseCase": CONNECT, "ProvisionConnectionService": CONNECT, "StartConnectCommand": CONNECT,
    "StartConnectUseCase": CONNECT, "StartConnectService": CONNECT, "StartedConnect": CONNECT,
    "SalesforceEndpointsUseCase": CONNECT, "SalesforceEndpointsService": CONNECT,
    "ConnectServicesTest": CONNECT, "BudgetsTest": CONNECT,
    # The CRM-call wrapper (CallBudget, CallOutcome, ConnectionCalls, CrmAuthorizations, TokenRefresher,
    # BudgetSpentException) was moved by hand to service.crmcall, out of every capability (ADR 0095).
    # configure: what a connection and a workspace do (settings, mappings, rules, alerts)
    "AlertSettingsUseCase": CONFIGURE, "AlertSettingsService": CONFIGURE, "CaptureRulesUseCase": CONFIGURE,
    "CaptureRulesService": CONFIGURE, "ChangeSalesforceOptionsUseCase": CONFIGURE,
    "ChangeSalesforceOptionsService": CONFIGURE, "ChangeSettingsCommand": CONFIGURE, "ChangeSettingsUseCase": CONFIGURE,
    "ChangeSettingsService": CONFIGURE, "ChangeWorkspaceDefaultsCommand": CONFIGURE,
    "ChangeWorkspaceDefaultsUseCase": CONFIGURE, "ChangeWorkspaceDefaultsService": CONFIGURE,
    "InvalidSettingsException": CONFIGURE, "ListCrmFieldsUseCase": CONFIGURE, "ListTargetObjectsUseCase": CONFIGURE, "CrmFieldsService": CONFIGURE,
    "MappingInput": CONFIGURE, "ReplaceMappingsCommand": CONFIGURE, "ReplaceMappingsUseCase": CONFIGURE,
    "ReplaceMappingsService": CONFIGURE, "RoutingRulesUseCase": CONFIGURE, "RoutingRulesService": CONFIGURE,
    "MappingRules": CONFIGURE, "ConnectionSettingsServicesTest": CONFIGURE,
    # administer: users, members, sessions, keys, workspaces, audit, overview, alerts, secrets
    "AcceptInvitationUseCase": ADMINISTER, "AddMemberCommand": ADMINISTER, "AddMemberUseCase": ADMINISTER,
    "AddMemberService": ADMINISTER, "AdminSessionsUseCase": ADMINISTER, "AdminSessionService": ADMINISTER,
    "AttemptLogInUseCase": ADMINISTER, "AttemptLogInService": ADMINISTER, "ChangePasswordCommand": ADMINISTER,
    "ChangePasswordUseCase": ADMINISTER, "AccountService": ADMINISTER, "CreateOperatedWorkspaceCommand": ADMINISTER,
    "CreateWorkspaceCommand": ADMINISTER, "CreateWorkspaceUseCase": ADMINISTER, "CreateWorkspaceService": ADMINISTER,
    "FirstUser": ADMINISTER, "FirstWorkspaceKeys": ADMINISTER, "ForgetOldAuditUseCase": ADMINISTER,
    "AuditService": ADMINISTER, "GetUserAccessUseCase": ADMINISTER, "UserAccessService": ADMINISTER,
    "InvalidMemberException": ADMINISTER, "InviteMemberCommand": ADMINISTER, "InviteMemberUseCase": ADMINISTER,
    "InvitationService": ADMINISTER, "IssueApiKeyCommand": ADMINISTER, "IssueApiKeyUseCase": ADMINISTER,
    "IssueApiKeyService": ADMINISTER, "IssuedApiKey": ADMINISTER, "IssuedInvitation": ADMINISTER,
    "ListActivitiesUseCase": ADMINISTER, "ListMembersUseCase": ADMINISTER, "LogInAttempt": ADMINISTER,
    "LogInCommand": ADMINISTER, "LogInOutcome": ADMINISTER, "LogInUseCase": ADMINISTER, "LogInService": ADMINISTER,
    "ManageApiKeysUseCase": ADMINISTER, "ManageApiKeysService": ADMINISTER, "Member": ADMINISTER,
    "OperateWorkspacesUseCase": ADMINISTER, "OperateWorkspacesService": ADMINISTER, "OverviewUseCase": ADMINISTER,
    "OverviewService": ADMINISTER, "RaiseAlertsUseCase": ADMINISTER, "RaiseAlertsService": ADMINISTER,
    "ReadAuditUseCase": ADMINISTER, "RecordOverviewSamplesUseCase": ADMINISTER, "ReencryptSecretsUseCase": ADMINISTER,
    "ReencryptSecretsService": ADMINISTER, "RemoveMemberCommand": ADMINISTER, "RemoveMemberUseCase": ADMINISTER,
    "SetUpFirstUserCommand": ADMINISTER, "SetUpFirstUserUseCase": ADMINISTER, "SetUpFirstUserService": ADMINISTER,
    "SetUpFirstWorkspaceCommand": ADMINISTER, "SetUpFirstWorkspaceUseCase": ADMINISTER,
    "SetUpFirstWorkspaceService": ADMINISTER, "SignOnUseCase": ADMINISTER, "SignOnService": ADMINISTER,
    "UserAccess": ADMINISTER, "UserAccessQuery": ADMINISTER, "UserServicesTest": ADMINISTER,
    "WorkspaceAndKeyServicesTest": ADMINISTER,
    # shared by several capabilities: stay in the flat package
    "ConnectionNotFoundException": SHARED, "CrmCallFailedException": SHARED, "CrmNotConfiguredException": SHARED,
    "LeadNotFoundException": SHARED, "NotAllowedException": SHARED, "package-info": SHARED,
}
TEST_SUFFIXES = ("Test", "IT", "Contract")


def git(*args):
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout


def capability(name):
    if name in TABLE:
        return TABLE[name]
    for suffix in TEST_SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in TABLE:
            return TABLE[name[: -len(suffix)]]
    return None


def flat_files():
    """(path, layer, class name) of every Java file directly in a flat package, in any module, main or test."""
    found = []
    for path in git("ls-files", "*.java").splitlines():
        directory, file = os.path.split(path)
        for layer, package in FLAT.items():
            if directory.endswith("/" + package.replace(".", "/")) and os.path.exists(path):
                found.append((path, layer, file[:-5]))
    return found


def main():
    dry_run = "--dry-run" in sys.argv
    files = flat_files()
    unknown = sorted({name for _, _, name in files if capability(name) is None})
    if unknown:
        sys.exit("Not in scripts/group-use-cases.py's TABLE (add each with its capability, then rerun):\n  "
                 + "\n  ".join(unknown))
    moves = {}  # old fully qualified name -> new
    for path, layer, name in files:
        target = capability(name)
        if target == SHARED:
            continue
        new_package = f"{FLAT[layer]}.{target}"
        moves[f"{FLAT[layer]}.{name}"] = (path, new_package, name)
    print(f"{len(moves)} classes to move")
    if not moves:
        return
    if dry_run:
        for old, (_, package, _) in sorted(moves.items()):
            print(f"  {old} -> {package}")
        return
    for old, (path, package, name) in moves.items():
        new_path = os.path.join(os.path.dirname(path), package.rsplit(".", 1)[1], name + ".java")
        os.makedirs(os.path.dirname(new_path), exist_ok=True)
        git("mv", path, new_path)
    rewrite(moves)


def rewrite(moves):
    simple = {}  # (old package, simple name) -> new package
    for old, (_, package, name) in moves.items():
        simple[(old.rsplit(".", 1)[0], name)] = package
    by_old = {old: f"{package}.{name}" for old, (_, package, name) in moves.items()}
    fqn = re.compile(r"\b(" + "|".join(re.escape(o) for o in sorted(by_old, key=len, reverse=True)) + r")\b")
    wildcard = re.compile(r"^import (static )?(" + "|".join(re.escape(p) for p in FLAT.values()) + r")\.\*;$",
                          re.MULTILINE)
    new_packages = sorted({package for _, package, _ in moves.values()})
    for path in git("ls-files", "*.java").splitlines():
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        original = text
        text = fqn.sub(lambda m: by_old[m.group(1)], text)
        package_match = re.search(r"^package ([\w.]+);", text, re.MULTILINE)
        own_package = package_match.group(1) if package_match else ""
        own_name = os.path.basename(path)[:-5]
        # The file's own package after the move.
        for old, (_, package, name) in moves.items():
            if name == own_name and old.rsplit(".", 1)[0] == own_package:
                text = text.replace(f"package {own_package};", f"package {package};", 1)
                new_own = package
                break
        else:
            new_own = own_package
        # Classes the file used without import because they shared its old flat package.
        if own_package in FLAT.values():
            needed = [f"{package}.{name}" for (old_pkg, name), package in simple.items()
                      if old_pkg == own_package and package != new_own
                      and re.search(r"\b" + re.escape(name) + r"\b", strip_header(text))]
            stayed = [f"{own_package}.{name}" for name in staying(own_package)
                      if new_own != own_package and re.search(r"\b" + re.escape(name) + r"\b", strip_header(text))]
            text = add_imports(text, needed + stayed)
        # A wildcard import of a flat package now also needs its capability packages.
        if wildcard.search(text):
            text = add_imports(text, [f"{p}.*" for p in new_packages
                                      if f"import {p.rsplit('.', 1)[0]}.*;" in text])
        text = drop_own_package_imports(text, new_own)
        if text != original:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)


def staying(package):
    layer = next(layer for layer, p in FLAT.items() if p == package)
    return [name for path, lay, name in flat_files() if lay == layer and capability(name) == SHARED
            and name != "package-info"]


def strip_header(text):
    return re.sub(r"^(package|import) [^;]+;", "", text, flags=re.MULTILINE)


def add_imports(text, names):
    names = [n for n in dict.fromkeys(names) if f"import {n};" not in text]
    if not names:
        return text
    block = "".join(f"import {n};\n" for n in sorted(names))
    first_import = re.search(r"^import ", text, re.MULTILINE)
    if first_import:
        return text[: first_import.start()] + block + text[first_import.start():]
    package_end = re.search(r"^package [^;]+;\n", text, re.MULTILINE).end()
    return text[:package_end] + "\n" + block + text[package_end:]


def drop_own_package_imports(text, package):
    return re.sub(r"^import " + re.escape(package) + r"\.\w+;\n", "", text, flags=re.MULTILINE)


if __name__ == "__main__":
    main()
