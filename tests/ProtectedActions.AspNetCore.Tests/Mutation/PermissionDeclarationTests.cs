using Microsoft.AspNetCore.Authorization;

namespace ProtectedActions.AspNetCore.Tests.Mutation;

/// <summary>
/// Where a permission is declared (attribute, requirement, policy builder): the exact bounds of its shape (3 to 10
/// segments, 512 characters, ASCII letters, digits, '.', '-', '_'), the message a developer reads, and what the
/// declaration carries on (the permission as written, <c>AllowUnmapped</c>).
/// </summary>
public sealed class PermissionDeclarationTests
{
    private const string Message = "A permission has the shape namespace/entity[/property]/verb: 3 to 10 non-empty '/'-separated segments of ASCII letters, digits, '.', '-' or '_', at most 512 characters.";

    [Test]
    public void A_permission_of_exactly_512_characters_is_accepted_and_513_is_not()
    {
        var longest = "a/b/" + new string('c', PermissionName.MaxLength - 4);
        longest.Length.Should().Be(512);

        PermissionName.IsValid(longest).Should().BeTrue();
        PermissionName.IsValid(longest + "c").Should().BeFalse();
    }

    [Test]
    public void Three_to_ten_segments_are_accepted_two_and_eleven_are_not()
    {
        PermissionName.IsValid("a/b").Should().BeFalse();
        PermissionName.IsValid("a/b/c").Should().BeTrue();
        PermissionName.IsValid(string.Join('/', Enumerable.Repeat("s", 10))).Should().BeTrue();
        PermissionName.IsValid(string.Join('/', Enumerable.Repeat("s", 11))).Should().BeFalse();
    }

    [TestCase("a.b/c/d")]
    [TestCase("a-b/c/d")]
    [TestCase("a_b/c/d")]
    [TestCase("A9/Z0/z")]
    public void Letters_digits_dot_dash_and_underscore_are_accepted(string permission) => PermissionName.IsValid(permission).Should().BeTrue();

    [TestCase("/a/b/c")]
    [TestCase("a//b/c")]
    [TestCase("a/b/c/")]
    [TestCase("a/b/c*")]
    [TestCase("a/b/c d")]
    [TestCase("a/b/\u00e9")]
    [TestCase("a/b/c:d")]
    [TestCase("")]
    public void Anything_else_is_refused(string permission) => PermissionName.IsValid(permission).Should().BeFalse();

    [Test]
    public void The_refusal_names_the_shape_and_the_parameter()
    {
        var act = () => new ProtectedActionRequirement("contoso/things");

        act.Should().Throw<ArgumentException>().WithMessage(Message + " (Parameter 'permission')").Which.ParamName.Should().Be("permission");
    }

    [TestCase(null)]
    [TestCase(" ")]
    public void A_missing_permission_is_refused(string? permission)
    {
        var act = () => PermissionName.ThrowIfInvalid(permission!);

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void The_requirement_keeps_the_permission_and_AllowUnmapped_and_describes_itself()
    {
        new ProtectedActionRequirement("contoso/things/create").AllowUnmapped.Should().BeFalse();
        var requirement = new ProtectedActionRequirement("contoso/things/create", allowUnmapped: true);

        requirement.AllowUnmapped.Should().BeTrue();
        requirement.Permission.Should().Be("contoso/things/create");
        requirement.ToString().Should().Be("ProtectedAction: contoso/things/create");
    }

    [Test]
    public void The_attribute_carries_one_requirement_and_AllowUnmapped_replaces_it()
    {
        var attribute = new ProtectedActionAttribute("contoso/things/create");
        attribute.AllowUnmapped.Should().BeFalse();
        attribute.GetRequirements().Cast<ProtectedActionRequirement>().Should().ContainSingle()
            .Which.Should().Match<ProtectedActionRequirement>(r => r.Permission == "contoso/things/create" && !r.AllowUnmapped);

        attribute.AllowUnmapped = true;

        attribute.AllowUnmapped.Should().BeTrue();
        attribute.GetRequirements().Cast<ProtectedActionRequirement>().Should().ContainSingle().Which.AllowUnmapped.Should().BeTrue();
    }

    [Test]
    public void The_policy_builder_adds_the_requirement_with_AllowUnmapped()
    {
        var plain = new AuthorizationPolicyBuilder().RequireProtectedAction("contoso/things/create").Build();
        var unmapped = new AuthorizationPolicyBuilder().RequireProtectedAction("contoso/things/read", allowUnmapped: true).Build();

        plain.Requirements.OfType<ProtectedActionRequirement>().Single().AllowUnmapped.Should().BeFalse();
        unmapped.Requirements.OfType<ProtectedActionRequirement>().Single()
            .Should().Match<ProtectedActionRequirement>(r => r.Permission == "contoso/things/read" && r.AllowUnmapped);
        var act = () => ProtectedActionAuthorizationPolicyBuilderExtensions.RequireProtectedAction(null!, "contoso/things/create");
        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Step_up_loop_defaults_are_ten_minutes_one_minute_and_ten_thousand_entries()
    {
        var options = new StepUpLoopOptions();

        options.Window.Should().Be(TimeSpan.FromMinutes(10));
        options.ClockSkew.Should().Be(TimeSpan.FromMinutes(1));
        options.MaxInMemoryEntries.Should().Be(10_000);
        StepUpLoopOptions.MaxWindow.Should().Be(TimeSpan.FromDays(1));
    }
}
