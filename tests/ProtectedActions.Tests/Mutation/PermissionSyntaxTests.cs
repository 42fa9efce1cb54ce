using ProtectedActions.Tests.Support;

namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// The permission syntax of protectedActions (<c>namespace/entity[/property]/verb</c> or a <c>.../*</c> prefix): its
/// bounds (512 characters, 10 segments, both inclusive) and the exact PA1010 message for each kind of mistake.
/// </summary>
public class PermissionSyntaxTests
{
    private const string Path = "ProtectedActions:ProtectedActions[3]:permission";

    private static ConfigurationValidationResult WithPermission(string? permission)
    {
        var o = Fixtures.Seed();
        o.ProtectedActions.Add(new() { Permission = permission, AuthenticationContextId = "c1" });
        return ProtectedActionsConfiguration.Validate(o);
    }

    private static void Refused(string? permission, string message)
    {
        var result = WithPermission(permission);
        result.Errors.Should().ContainSingle("errors were: " + string.Join(" | ", result.Errors)).Which.Should().Match<ConfigurationIssue>(i =>
            i.Code == IssueCodes.InvalidPermission && i.Path == Path && i.Message == message, "'{0}' is expected", message);
    }

    /// <summary><c>contoso/aaa…/read</c> of exactly <paramref name="length"/> characters.</summary>
    private static string OfLength(int length) => "contoso/" + new string('a', length - "contoso//read".Length) + "/read";

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void A_missing_permission_is_required(string? permission) => Refused(permission, "a permission is required");

    [Test]
    public void A_permission_of_512_characters_is_accepted()
    {
        OfLength(512).Should().HaveLength(512);
        WithPermission(OfLength(512)).IsValid.Should().BeTrue();
    }

    [Test]
    public void A_permission_of_513_characters_is_too_long() => Refused(OfLength(513), "permission is longer than 512 characters");

    [TestCase("a/b/c/d/e/f/g/h/i/j")]
    [TestCase("a/b/c/d/e/f/g/h/i/*")]
    public void Ten_segments_are_accepted(string permission) => WithPermission(permission).IsValid.Should().BeTrue();

    [TestCase("a/b/c/d/e/f/g/h/i/j/k")]
    [TestCase("a/b/c/d/e/f/g/h/i/j/*")]
    [TestCase("contoso/approve")]
    [TestCase("*")]
    public void Too_many_or_too_few_segments_are_refused(string permission) =>
        Refused(permission, $"invalid permission '{permission}': use namespace/entity[/property]/verb, or a prefix ending in /*");

    [TestCase("contoso/in voices/read", 2)]
    [TestCase("contoso//read", 2)]
    [TestCase("contoso/invoices/re@d", 3)]
    [TestCase("cont+oso/invoices/read", 1)]
    public void A_segment_with_other_characters_is_named_by_its_position(string permission, int segment) =>
        Refused(permission, $"invalid permission '{permission}': segment {segment} must be letters, digits, '.', '_' or '-'");

    [TestCase("contoso/inv*/read", 2)]
    [TestCase("contoso/*/read", 2)]
    [TestCase("contoso/invoices/*x", 3)]
    public void A_wildcard_inside_a_segment_says_where_wildcards_may_go(string permission, int segment) =>
        Refused(permission, $"invalid permission '{permission}': segment {segment} must be letters, digits, '.', '_' or '-' (a wildcard may only be the whole last segment)");
}
