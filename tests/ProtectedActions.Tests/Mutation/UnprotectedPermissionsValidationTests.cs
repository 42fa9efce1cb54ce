using ProtectedActions.Compilation;
using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The fail-closed settings checked against the compiled assignments: a document that protects nothing (PA1070) and
/// settings.unprotectedPermissions entries that are patterns or invalid (PA1071) or that the document maps (PA1072).
/// </summary>
public class UnprotectedPermissionsValidationTests
{
    private const string Entries = "ProtectedActions:Settings:unprotectedPermissions";
    private const string Read = "contoso.billing/invoices/read";

    private static ConfigurationValidationResult Validate(Action<ProtectedActionsOptions> change)
    {
        var o = Fixtures.Seed();
        change(o);
        return ProtectedActionsConfiguration.Validate(o);
    }

    private static void OnlyError(ConfigurationValidationResult result, string code, string path, string message) =>
        result.Errors.Should().ContainSingle("errors were: " + string.Join(" | ", result.Errors)).Which.Should().Match<ConfigurationIssue>(i =>
            i.Code == code && i.Path == path && i.Message == message, "{0} {1}: {2} is expected", code, path, message);

    [Test]
    public void A_document_without_protected_actions_protects_nothing_and_is_refused() =>
        OnlyError(Validate(o => o.ProtectedActions = []), IssueCodes.NothingProtected, "ProtectedActions:ProtectedActions",
            "the document protects no permission (no protectedActions): an empty or deleted configuration would leave every declared protected action unprotected; add protectedActions, or set settings.allowEmptyConfiguration to true if that is intended");

    [Test]
    public void An_empty_document_is_accepted_when_allowed_explicitly() =>
        Validate(o => { o.ProtectedActions = []; o.Settings.AllowEmptyConfiguration = true; }).IsValid.Should().BeTrue();

    [Test]
    public void Unprotected_permissions_left_null_by_the_binder_count_as_none() =>
        Validate(o => o.Settings.UnprotectedPermissions = null!).IsValid.Should().BeTrue();

    [Test]
    public void A_pattern_cannot_be_listed_as_unprotected() =>
        OnlyError(Validate(o => o.Settings.UnprotectedPermissions = [Read, "contoso.billing/*"]), IssueCodes.InvalidUnprotectedPermission, Entries + "[1]",
            "'contoso.billing/*' is a pattern: list each intentionally unprotected permission exactly (a pattern would also hide misspelt permissions)");

    [TestCase("contoso/read", "invalid permission 'contoso/read': use namespace/entity[/property]/verb, or a prefix ending in /*")]
    [TestCase("contoso/in voices/read", "invalid permission 'contoso/in voices/read': segment 2 must be letters, digits, '.', '_' or '-'")]
    [TestCase("", "a permission is required")]
    [TestCase(null, "a permission is required")]
    public void An_invalid_unprotected_permission_is_refused_with_the_permission_syntax_problem(string? entry, string message) =>
        OnlyError(Validate(o => o.Settings.UnprotectedPermissions = [Read, entry!]), IssueCodes.InvalidUnprotectedPermission, Entries + "[1]", message);

    [Test]
    public void An_overlong_unprotected_permission_is_refused_as_too_long() =>
        OnlyError(Validate(o => o.Settings.UnprotectedPermissions = ["contoso/" + new string('a', 600) + "/read"]), IssueCodes.InvalidUnprotectedPermission,
            Entries + "[0]", "permission is longer than 512 characters");

    [Test]
    public void A_permission_both_mapped_and_listed_as_unprotected_is_a_contradiction() =>
        OnlyError(Validate(o => o.Settings.UnprotectedPermissions = [Read, KnownPermissions.NamedLocationsCreate.ToUpperInvariant()]),
            IssueCodes.UnprotectedPermissionIsProtected, Entries + "[1]",
            $"permission '{KnownPermissions.NamedLocationsCreate.ToUpperInvariant()}' is listed as intentionally unprotected but is protected by authentication context 'c1' (through '{KnownPermissions.NamedLocationsCreate}'): remove one of the two");

    [Test]
    public void A_permission_under_a_mapped_pattern_and_listed_as_unprotected_names_the_pattern() =>
        OnlyError(Validate(o =>
            {
                o.ProtectedActions.Add(new() { Permission = "contoso.billing/*", AuthenticationContextId = "c1" });
                o.Settings.UnprotectedPermissions = [Read];
            }),
            IssueCodes.UnprotectedPermissionIsProtected, Entries + "[0]",
            $"permission '{Read}' is listed as intentionally unprotected but is protected by authentication context 'c1' (through 'contoso.billing/*'): remove one of the two");

    [Test]
    public void Listed_unprotected_permissions_are_known_to_the_compiled_configuration()
    {
        var o = Fixtures.Seed();
        o.Settings.UnprotectedPermissions = [Read, "contoso.billing/invoices/list"];

        var view = SnapshotCompiler.Compile(o, "ProtectedActions", Fixtures.Now, out var issues)!.View;

        issues.Should().NotContain(i => i.Severity == ConfigurationSeverity.Error);
        view.IsIntentionallyUnprotected(Read.ToUpperInvariant()).Should().BeTrue();
        view.IsIntentionallyUnprotected("contoso.billing/invoices/list").Should().BeTrue();
        view.IsIntentionallyUnprotected("contoso.billing/invoices/delete").Should().BeFalse();
        view.IsIntentionallyUnprotected(KnownPermissions.NamedLocationsCreate).Should().BeFalse();
    }
}
