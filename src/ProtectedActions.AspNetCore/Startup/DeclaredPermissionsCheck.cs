using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ProtectedActions.AspNetCore;

/// <summary>
/// The permissions that the host's endpoints declare, collected once at start-up (when the pipeline is built and
/// every endpoint is mapped): <c>RequireProtectedAction(...)</c> on endpoints and route groups,
/// <c>[ProtectedAction]</c> on minimal APIs and MVC controllers/actions, and the requirements of the
/// authorization policies endpoints use (<c>[Authorize(Policy = ...)]</c>, <c>RequireAuthorization(...)</c>, the
/// default and fallback policies). A configuration in which a declared permission is mapped to no authentication
/// context — and is not opted out with <c>allowUnmapped</c> or <c>settings.unprotectedPermissions</c> — fails
/// start-up and is refused on reload (PA1073).
/// </summary>
internal sealed class DeclaredPermissionsCheck : IProtectedActionsConfigurationCheck
{
    internal const string Code = IssueCodes.DeclaredPermissionNotProtected;
    private const int MaxEndpointsNamed = 5;

    private Declaration[] _declared = [];

    /// <summary>What endpoints declare: one entry per permission (case-insensitive), with the endpoints declaring it.</summary>
    internal IReadOnlyList<Declaration> Declared => Volatile.Read(ref _declared);

    /// <summary>Collects the declarations from the host's endpoints and checks the active configuration; throws when it fails.</summary>
    public void Initialize(IServiceProvider services)
    {
        var declared = Collect(services);
        Volatile.Write(ref _declared, declared);
        var status = services.GetRequiredService<IProtectedActionsConfigurationStatus>();
        var errors = Check(status.Active);
        if (errors.Count > 0)
        {
            var message = new StringBuilder("ProtectedActions: endpoints declare permissions that the configuration maps to no authentication context, so they would be allowed as not protected. Map each in protectedActions, fix its spelling, or opt out explicitly (RequireProtectedAction(permission, allowUnmapped: true), [ProtectedAction(..., AllowUnmapped = true)] or settings.unprotectedPermissions):");
            foreach (var e in errors)
            {
                message.Append(Environment.NewLine).Append(" - ").Append(e.Code).Append(' ').Append(e.ToString());
            }

            throw new InvalidOperationException(message.ToString());
        }
    }

    public IReadOnlyList<ConfigurationIssue> Check(ProtectedActionsConfigurationView configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        List<ConfigurationIssue>? errors = null;
        foreach (var d in Volatile.Read(ref _declared))
        {
            if (d.AllowUnmapped || configuration.FindAuthenticationContext(d.Permission) is not null || configuration.IsIntentionallyUnprotected(d.Permission))
            {
                continue;
            }

            var endpoints = string.Join(", ", d.Endpoints.Take(MaxEndpointsNamed).Select(e => "'" + e + "'"))
                + (d.Endpoints.Count > MaxEndpointsNamed ? string.Create(CultureInfo.InvariantCulture, $" and {d.Endpoints.Count - MaxEndpointsNamed} more") : "");
            (errors ??= []).Add(new ConfigurationIssue(ConfigurationSeverity.Error, Code, configuration.RootPath + ":ProtectedActions",
                $"permission '{d.Permission}' declared by endpoint {endpoints} is mapped to no authentication context"));
        }

        return errors ?? (IReadOnlyList<ConfigurationIssue>)[];
    }

    private static Declaration[] Collect(IServiceProvider services)
    {
        var byPermission = new Dictionary<string, Declaration>(StringComparer.OrdinalIgnoreCase);
        var policies = services.GetService<IAuthorizationPolicyProvider>();

        void Add(ProtectedActionRequirement requirement, string endpoint)
        {
            if (!byPermission.TryGetValue(requirement.Permission, out var d))
            {
                d = new Declaration(requirement.Permission);
                byPermission.Add(requirement.Permission, d);
            }

            // One declaration without the opt-out is enough to require a mapping.
            d.AllowUnmapped = d.Endpoints.Count == 0 ? requirement.AllowUnmapped : d.AllowUnmapped && requirement.AllowUnmapped;
            if (!d.Endpoints.Contains(endpoint, StringComparer.Ordinal))
            {
                d.Endpoints.Add(endpoint);
            }
        }

        void AddPolicy(AuthorizationPolicy? policy, string endpoint)
        {
            foreach (var r in policy?.Requirements ?? [])
            {
                if (r is ProtectedActionRequirement pa)
                {
                    Add(pa, endpoint);
                }
            }
        }

        // Policy providers are asynchronous; at start-up, before the server listens, waiting is harmless.
        AuthorizationPolicy? Resolve(string? name) => policies is null ? null
            : name is null ? policies.GetDefaultPolicyAsync().GetAwaiter().GetResult() : policies.GetPolicyAsync(name).GetAwaiter().GetResult();

        if (services.GetService<EndpointDataSource>() is { } source)
        {
            foreach (var endpoint in source.Endpoints)
            {
                var name = endpoint.DisplayName ?? endpoint.ToString() ?? "(unnamed endpoint)";
                var metadata = endpoint.Metadata;
                foreach (var data in metadata.GetOrderedMetadata<IAuthorizationRequirementData>())
                {
                    foreach (var r in data.GetRequirements())
                    {
                        if (r is ProtectedActionRequirement pa)
                        {
                            Add(pa, name);
                        }
                    }
                }

                foreach (var policy in metadata.GetOrderedMetadata<AuthorizationPolicy>())
                {
                    AddPolicy(policy, name);
                }

                var authorizeData = metadata.GetOrderedMetadata<IAuthorizeData>();
                foreach (var a in authorizeData)
                {
                    AddPolicy(Resolve(a.Policy), name);
                }

                if (authorizeData.Count == 0 && metadata.GetMetadata<IAllowAnonymous>() is null && policies is not null)
                {
                    AddPolicy(policies.GetFallbackPolicyAsync().GetAwaiter().GetResult(), name);
                }
            }
        }

        return [.. byPermission.Values];
    }

    /// <summary>A declared permission and the endpoints that declare it.</summary>
    internal sealed class Declaration(string permission)
    {
        public string Permission { get; } = permission;
        public bool AllowUnmapped { get; set; }
        public List<string> Endpoints { get; } = [];
    }
}
