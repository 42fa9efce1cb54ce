using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProtectedActions;
using ProtectedActions.AspNetCore;
using ProtectedActions.AspNetCore.Management;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the management endpoints of store-backed configuration.</summary>
public static class ProtectedActionsManagementEndpointRouteBuilderExtensions
{
    private const int MaxAuditEntries = 1000;

    /// <summary>
    /// Maps the management API under <paramref name="prefix"/>: <c>GET contexts</c>, <c>GET permissions</c>,
    /// <c>PUT permissions/{permission}</c> (body <c>{"authenticationContextId":"c1"}</c>), <c>DELETE permissions/{permission}</c>,
    /// <c>POST import</c> (a Microsoft Graph export) and <c>GET audit</c>, for the caller's tenant (<c>tid</c>). Every
    /// resource carries an ETag (the stored version); every write needs a matching <c>If-Match</c> (412 otherwise).
    /// Every endpoint needs an administrator role (<see cref="ProtectedActionsManagementOptions.AdministratorRoles"/>,
    /// 403 otherwise); writes also need the protected action
    /// <c>microsoft.directory/resourceNamespaces/resourceActions/authenticationContext/update</c> (the standard step-up).
    /// Requires a configuration store (for example <c>AddSqliteConfigurationStore</c>).
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="prefix">The route prefix; default <c>/protected-actions/admin</c>.</param>
    /// <returns>The route group, for further conventions.</returns>
    /// <exception cref="InvalidOperationException">No configuration store is registered.</exception>
    public static RouteGroupBuilder MapProtectedActionsManagement(this IEndpointRouteBuilder endpoints, string prefix = "/protected-actions/admin")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (endpoints.ServiceProvider.GetService<IProtectedActionsConfigurationManager>() is null)
        {
            throw new InvalidOperationException("MapProtectedActionsManagement needs a configuration store: call AddSqliteConfigurationStore, AddPostgreSqlConfigurationStore or AddConfigurationStore on AddProtectedActions(...).");
        }

        var group = endpoints.MapGroup(prefix).RequireAuthorization(p => p.RequireAuthenticatedUser().RequireAssertion(c => IsAdministrator(c.User, c.Resource)));
        group.MapGet("/contexts", (Delegate)ListContexts);
        group.MapGet("/permissions", (Delegate)ListPermissions);
        group.MapGet("/audit", ReadAudit);
        var writes = group.MapGroup("").RequireProtectedAction(KnownPermissions.ProtectedActionsManagement);
        writes.MapPut("/permissions/{**permission}", Assign);
        writes.MapDelete("/permissions/{**permission}", Unassign);
        writes.MapPost("/import", (Delegate)Import);
        return group;
    }

    private static bool IsAdministrator(ClaimsPrincipal user, object? resource)
    {
        var services = (resource as HttpContext)?.RequestServices;
        var roles = services?.GetService<IOptions<ProtectedActionsManagementOptions>>()?.Value.AdministratorRoles ?? new ProtectedActionsManagementOptions().AdministratorRoles;
        return user.Claims.Any(c => (c.Type is "wids" or "roles" || c.Type == ClaimTypes.Role)
            && roles.Contains(c.Value, StringComparer.OrdinalIgnoreCase));
    }

    private static string? Tenant(HttpContext http) =>
        http.User.FindFirst("tid")?.Value ?? http.User.FindFirst("http://schemas.microsoft.com/identity/claims/tenantid")?.Value;

    private static ConfigurationActor? Actor(HttpContext http)
    {
        var oid = http.User.FindFirst("oid")?.Value ?? http.User.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value;
        return string.IsNullOrEmpty(oid) ? null : new ConfigurationActor(oid, http.User.FindFirst("name")?.Value);
    }

    private static string ETag(long version) => "\"v" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static async Task<(string Tenant, StoredConfiguration? Stored)?> LoadAsync(HttpContext http)
    {
        var tenant = Tenant(http);
        if (string.IsNullOrEmpty(tenant))
        {
            return null;
        }

        var manager = http.RequestServices.GetRequiredService<IProtectedActionsConfigurationManager>();
        var stored = await manager.ReadAsync(tenant, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.ETag = ETag(stored?.Version ?? 0);
        return (tenant, stored);
    }

    private static async Task<IResult> ListContexts(HttpContext http)
    {
        if (await LoadAsync(http).ConfigureAwait(false) is not { } loaded)
        {
            return NoTenant();
        }

        var contexts = loaded.Stored?.Document.AuthenticationContexts ?? [];
        return Results.Json(new
        {
            version = loaded.Stored?.Version ?? 0,
            value = contexts.Select(c => new { id = c.Id, displayName = c.DisplayName, description = c.Description, isAvailable = c.IsAvailable }),
        });
    }

    private static async Task<IResult> ListPermissions(HttpContext http)
    {
        if (await LoadAsync(http).ConfigureAwait(false) is not { } loaded)
        {
            return NoTenant();
        }

        var assignments = loaded.Stored?.Document.ProtectedActions ?? [];
        return Results.Json(new
        {
            version = loaded.Stored?.Version ?? 0,
            value = assignments.Select(a => new { permission = a.Permission, authenticationContextId = a.AuthenticationContextId }),
        });
    }

    private static async Task<IResult> ReadAudit(HttpContext http, int? max)
    {
        var tenant = Tenant(http);
        if (string.IsNullOrEmpty(tenant))
        {
            return NoTenant();
        }

        var take = Math.Clamp(max ?? 100, 1, MaxAuditEntries);
        var manager = http.RequestServices.GetRequiredService<IProtectedActionsConfigurationManager>();
        var entries = await manager.ReadAuditAsync(tenant, take, http.RequestAborted).ConfigureAwait(false);
        return Results.Json(new
        {
            value = entries.Select(e => new
            {
                version = e.Version, at = e.At, actorObjectId = e.ActorObjectId, actorDisplayName = e.ActorDisplayName, instanceId = e.InstanceId,
                kind = e.Kind, key = e.Key, before = e.Before, after = e.After,
            }),
        });
    }

    private static async Task<IResult> Assign(HttpContext http, string permission)
    {
        string? contextId;
        try
        {
            var body = await ReadBodyAsync(http).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body ?? "{}");
            contextId = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("authenticationContextId", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()
                : null;
        }
        catch (JsonException)
        {
            contextId = null;
        }

        if (string.IsNullOrEmpty(contextId))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be {\"authenticationContextId\":\"c1\"}");
        }

        return await WriteAsync(http, "assign", doc =>
        {
            doc.ProtectedActions.RemoveAll(a => string.Equals(a.Permission, permission, StringComparison.OrdinalIgnoreCase));
            doc.ProtectedActions.Add(new ProtectedActionAssignment { Permission = permission, AuthenticationContextId = contextId });
            return null;
        }).ConfigureAwait(false);
    }

    private static Task<IResult> Unassign(HttpContext http, string permission) =>
        WriteAsync(http, "unassign", doc =>
        {
            var removed = doc.ProtectedActions.RemoveAll(a => string.Equals(a.Permission, permission, StringComparison.OrdinalIgnoreCase));
            return removed == 0 ? Results.NotFound() : null;
        });

    private static async Task<IResult> Import(HttpContext http)
    {
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The Graph export is too large");
        }

        var export = ProtectedActionsDocument.ParseGraphExport(body, "request");
        if (export.HasErrors)
        {
            return Invalid(export.Errors);
        }

        return await WriteAsync(http, "import", doc =>
        {
            var imported = export.Options;
            if (imported.ConditionalAccessPolicies.Count > 0)
            {
                doc.ConditionalAccessPolicies = imported.ConditionalAccessPolicies;
            }

            if (imported.NamedLocations.Count > 0)
            {
                doc.NamedLocations = imported.NamedLocations;
            }

            if (imported.AuthenticationStrengthPolicies.Count > 0)
            {
                doc.AuthenticationStrengthPolicies = imported.AuthenticationStrengthPolicies;
            }

            return null;
        }).ConfigureAwait(false);
    }

    /// <summary>Checks If-Match against the stored version, applies <paramref name="change"/> and writes through the manager (validated, checked, audited).</summary>
    private static async Task<IResult> WriteAsync(HttpContext http, string operation, Func<ProtectedActionsOptions, IResult?> change)
    {
        var logger = http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("ProtectedActions.AspNetCore.Management");
        var actor = Actor(http);
        if (await LoadAsync(http).ConfigureAwait(false) is not { } loaded || actor is null)
        {
            return NoTenant();
        }

        var version = loaded.Stored?.Version ?? 0;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch) || !string.Equals(ifMatch.Trim(), ETag(version), StringComparison.Ordinal))
        {
            if (logger is not null)
            {
                ManagementLog.Refused(logger, operation, "precondition");
            }

            return Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "If-Match must name the current version",
                detail: "Read the resource, then send its ETag in If-Match.");
        }

        var document = loaded.Stored?.Document ?? new ProtectedActionsOptions();
        if (change(document) is { } early)
        {
            return early;
        }

        var manager = http.RequestServices.GetRequiredService<IProtectedActionsConfigurationManager>();
        var result = await manager.WriteAsync(new ConfigurationWrite(loaded.Tenant, version, document, actor), http.RequestAborted).ConfigureAwait(false);
        if (logger is not null)
        {
            if (result.Status == ConfigurationWriteStatus.Committed)
            {
                ManagementLog.Applied(logger, operation, result.Version);
            }
            else
            {
                ManagementLog.Refused(logger, operation, result.Status.ToString());
            }
        }

        switch (result.Status)
        {
            case ConfigurationWriteStatus.Committed:
                http.Response.Headers.ETag = ETag(result.Version);
                return Results.Json(new { version = result.Version });
            case ConfigurationWriteStatus.Conflict:
                http.Response.Headers.ETag = ETag(result.Version);
                return Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The configuration changed since it was read");
            default:
                return Invalid(result.Issues);
        }
    }

    private static IResult Invalid(IEnumerable<ConfigurationIssue> issues) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The configuration would be invalid; nothing was stored",
            extensions: new Dictionary<string, object?> { ["errors"] = issues.Select(i => $"{i} ({i.Code})").ToArray() });

    private static IResult NoTenant() =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The token names no tenant (tid) or no administrator (oid)");

    /// <summary>The request body as UTF-8 text, or null when it is larger than allowed.</summary>
    private static async Task<string?> ReadBodyAsync(HttpContext http)
    {
        var max = http.RequestServices.GetService<IOptions<ProtectedActionsManagementOptions>>()?.Value.MaxRequestBytes ?? 4 * 1024 * 1024;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
