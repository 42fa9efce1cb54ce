using System.Security.Claims;

namespace ProtectedActions.Samples.WebApi.Api;

/// <summary>
/// The sample's operations: Entra's protectable directory permissions and two of Contoso's own. Only the
/// registration lines matter; the handlers just say what they would have done.
/// </summary>
public static class SampleEndpoints
{
    /// <summary>The application permission for approving invoices.</summary>
    public const string ApproveInvoices = "contoso.billing/invoices/approve";

    /// <summary>The application permission for changing a vendor's bank account (workstation-only).</summary>
    public const string UpdateVendorBankAccount = "contoso.billing/vendors/bankAccount/update";

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Results.Text("ProtectedActions sample API. See /api/..."));

        // An authenticated but unprotected operation: no step-up, ever.
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/invoices", () => Results.Ok(new[] { new { id = 1042, vendor = "Fabrikam", amount = 1250.00m } }));
        api.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new { name = user.FindFirst("name")?.Value }));

        api.MapPost("/invoices/{id:int}/approve", (int id) => Results.Ok(new { approved = id }))
            .RequireProtectedAction(ApproveInvoices);
        api.MapPut("/vendors/{id:int}/bankAccount", (int id) => Results.Ok(new { vendor = id, bankAccount = "updated" }))
            .RequireProtectedAction(UpdateVendorBankAccount);

        // Entra's own protectable permissions, as a directory-management API would expose them.
        var policies = api.MapGroup("/conditionalAccess/policies");
        policies.MapPost("/", () => Results.Ok(new { created = true }))
            .RequireProtectedAction(KnownPermissions.ConditionalAccessPoliciesCreate);
        policies.MapPatch("/{id}", (string id) => Results.Ok(new { updated = id }))
            .RequireProtectedAction(KnownPermissions.ConditionalAccessPoliciesBasicUpdate);
        policies.MapDelete("/{id}", (string id) => Results.Ok(new { deleted = id }))
            .RequireProtectedAction(KnownPermissions.ConditionalAccessPoliciesDelete);

        var locations = api.MapGroup("/conditionalAccess/namedLocations");
        locations.MapPost("/", () => Results.Ok(new { created = true }))
            .RequireProtectedAction(KnownPermissions.NamedLocationsCreate);
        locations.MapDelete("/{id}", (string id) => Results.Ok(new { deleted = id }))
            .RequireProtectedAction(KnownPermissions.NamedLocationsDelete);

        api.MapPut("/protectedActions/{permission}", (string permission) => Results.Ok(new { updated = permission }))
            .RequireProtectedAction(KnownPermissions.ProtectedActionsManagement);
    }
}
