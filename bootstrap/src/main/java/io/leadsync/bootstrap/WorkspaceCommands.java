package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.CreateOperatedWorkspaceCommand;
import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.application.port.in.administer.IssuedApiKey;
import io.leadsync.application.port.in.administer.OperateWorkspacesUseCase;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.context.ApplicationContext;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar leadsync.jar workspaces ...}: the operator API's three operations from a shell on the server
 * (ADR 0047), through the same use case: {@code create <name> <owner email> [product name]}, {@code list},
 * {@code suspend <workspace id>}. Invitation links start with {@code LEADSYNC_PUBLIC_URL}
 * (default {@code http://localhost:<LEADSYNC_PORT or 8080>}).
 */
final class WorkspaceCommands {
    static final String COMMAND = "workspaces";
    static final String USAGE = "usage: workspaces create <name> <owner email> [product name] | workspaces list | "
            + "workspaces suspend <workspace id>";

    private WorkspaceCommands() {
    }

    /** Runs one command; answers the process exit code (0 done, 1 refused, 2 usage). */
    static int run(ApplicationContext context, List<String> args, String publicUrl, PrintStream out) {
        OperateWorkspacesUseCase workspaces = context.getBean(OperateWorkspacesUseCase.class);
        String verb = args.isEmpty() ? "" : args.get(0);
        switch (verb) {
            case "create" -> {
                if (args.size() < 3 || args.size() > 4) {
                    out.println(USAGE);
                    return 2;
                }
                OperateWorkspacesUseCase.CreatedWorkspace created;
                try {
                    created = workspaces.create(new CreateOperatedWorkspaceCommand(args.get(1),
                            args.size() == 4 ? args.get(3) : null, args.get(2), "operator (command line)"));
                } catch (InvalidMemberException e) {
                    out.println("Not created: " + e.field() + " " + e.getMessage());
                    return 1;
                }
                out.println("Created the workspace \"" + created.workspace().name() + "\" ("
                        + created.workspace().id() + ").");
                out.println("Send its first owner, " + created.ownerInvitation().email() + ", this invitation link"
                        + " (shown once, valid until " + created.ownerInvitation().expiresAt() + "):");
                out.println();
                out.println("    " + publicUrl.replaceAll("/+$", "") + "/invite/" + created.invitationToken());
                out.println();
                out.println("API keys (shown once; only their hashes are stored):");
                for (IssuedApiKey key : created.keys()) {
                    out.println("    " + key.key().name() + " (scope " + key.key().scopes().stream()
                            .map(io.leadsync.domain.workspace.ApiKeyScope::apiName).sorted()
                            .collect(java.util.stream.Collectors.joining(", ")) + "): " + key.secret());
                }
                return 0;
            }
            case "list" -> {
                for (Workspace workspace : workspaces.list()) {
                    out.println(workspace.id() + "  " + workspace.name() + "  created " + workspace.createdAt()
                            + workspace.suspendedAt().map(at -> "  SUSPENDED " + at).orElse(""));
                }
                return 0;
            }
            case "suspend" -> {
                if (args.size() != 2) {
                    out.println(USAGE);
                    return 2;
                }
                Optional<Workspace> suspended;
                try {
                    suspended = workspaces.suspend(WorkspaceId.of(args.get(1)));
                } catch (IllegalArgumentException notAnId) {
                    suspended = Optional.empty();
                }
                if (suspended.isEmpty()) {
                    out.println("No workspace has the id " + args.get(1) + ".");
                    return 1;
                }
                out.println("Suspended \"" + suspended.get().name() + "\": its API keys and sessions no longer work.");
                return 0;
            }
            default -> {
                out.println(USAGE);
                return 2;
            }
        }
    }
}
