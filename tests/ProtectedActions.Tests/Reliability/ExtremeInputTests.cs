using static ProtectedActions.Tests.Support.Fixtures;

namespace ProtectedActions.Tests.Reliability;

/// <summary>Extreme and hostile sign-in values never allow a guarded action and never throw.</summary>
public class ExtremeInputTests
{
    private static IEnumerable<DateTimeOffset?> ExtremeTimes()
    {
        yield return DateTimeOffset.MinValue;
        yield return DateTimeOffset.UnixEpoch;
        yield return DateTimeOffset.MaxValue;
        yield return Now.AddYears(50);
        yield return Now.AddMinutes(5).AddTicks(1);
        yield return null;
    }

    [TestCaseSource(nameof(ExtremeTimes))]
    public void Extreme_authentication_times_never_satisfy_sign_in_frequency(DateTimeOffset? time)
    {
        var s = new SignInContext { UserId = Alice, GroupIds = [], RoleIds = [], AuthenticationMethods = AuthenticationMethodModes.Fido2, AuthenticationTime = time };
        Evaluate(Seed(), s).Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("9223372036854775807")]
    [TestCase("99999999999999999999999")]
    [TestCase("1e308")]
    [TestCase("NaN")]
    public void Extreme_auth_time_claims_are_absent_noted_and_never_satisfy_frequency(string authTime)
    {
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
        [
            new System.Security.Claims.Claim("oid", Alice), new System.Security.Claims.Claim("amr", "fido"), new System.Security.Claims.Claim("amr", "mfa"),
            new System.Security.Claims.Claim("groups", "g"), new System.Security.Claims.Claim("auth_time", authTime),
        ], "Bearer"));
        var signIn = SignInMapper.FromClaimsPrincipal(principal);
        signIn.AuthenticationTime.Should().BeNull();
        signIn.Notes.Should().Contain(n => n.StartsWith("auth_time:", StringComparison.Ordinal));
        var d = Evaluate(Seed(), signIn);
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
        d.Reasons.Should().Contain(n => n.StartsWith("auth_time:", StringComparison.Ordinal));
    }

    [Test]
    public void A_hundred_thousand_groups_are_evaluated_without_error()
    {
        var groups = Enumerable.Range(0, 100_000).Select(i => $"group-{i}").ToArray();
        var o = Seed();
        o.ConditionalAccessPolicies[0].Conditions!.Users = new() { IncludeGroups = ["group-99999"] };
        var s = new SignInContext { UserId = Alice, GroupIds = groups, RoleIds = [], AuthenticationMethods = AuthenticationMethodModes.Password, AuthenticationTime = Now };
        var d = Evaluate(o, s);
        d.Policies[0].Applies.Should().BeTrue();
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [Test]
    public void Null_entries_in_claim_lists_are_ignored_not_trusted()
    {
        var s = new SignInContext { UserId = Alice, GroupIds = [null!], RoleIds = [null!], SatisfiedContexts = [null!], ClientCapabilities = [null!], AuthenticationMethodReferences = [null!, "pwd"], AuthenticationTime = Now };
        var d = Evaluate(Seed(), s);
        d.Outcome.Should().Be(ProtectedActionOutcome.StepUpRequired);
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase("microsoft.directory/conditionalAccessPolicies/create ")]
    [TestCase("microsoft.directory/conditionalAccessPolicies/create/")]
    [TestCase("\u0000")]
    public void Odd_permission_strings_are_simply_not_protected_or_rejected(string permission)
    {
        var e = ProtectedActionEvaluator.Create(Seed(), Clock());
        if (permission.Length == 0)
        {
            FluentActions.Invoking(() => new ProtectedActionRequest(permission, Password())).Should().Throw<ArgumentException>();
            return;
        }

        e.EvaluateAsync(new(permission, Password())).Result.IsProtected.Should().BeFalse();
    }

    [Test]
    public void Overlong_permission_is_not_cached_and_not_protected()
    {
        var e = ProtectedActionEvaluator.Create(Seed(), Clock());
        var permission = "a/b/" + new string('x', 100_000);
        e.EvaluateAsync(new(permission, Password())).Result.IsProtected.Should().BeFalse();
    }
}
