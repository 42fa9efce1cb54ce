namespace ProtectedActions.Tests.Mutation;

/// <summary>
/// builtInControls takes only the built-in control names: the names the library reports for other failed controls
/// (a strength, terms of use, custom controls, sign-in frequency) are not built-in controls and are refused.
/// </summary>
public class BuiltInControlNameTests
{
    [TestCase("authenticationStrength")]
    [TestCase("termsOfUse")]
    [TestCase("customAuthenticationFactors")]
    [TestCase("signInFrequency")]
    public void A_reported_control_name_that_is_not_a_built_in_control_is_refused(string name)
    {
        var o = Support.Fixtures.Seed();
        o.ConditionalAccessPolicies = [Support.Fixtures.Policy("p1", "c1", controls: [name])];

        ProtectedActionsConfiguration.Validate(o).Errors.Should().ContainSingle(e => e.Code == IssueCodes.UnknownBuiltInControl)
            .Which.Path.Should().EndWith("builtInControls[0]");
    }

    [TestCase("compliantDevice")]
    [TestCase("MFA")]
    public void Built_in_control_names_are_accepted_in_any_case(string name)
    {
        var o = Support.Fixtures.Seed();
        o.ConditionalAccessPolicies = [Support.Fixtures.Policy("p1", "c1", controls: [name])];

        ProtectedActionsConfiguration.Validate(o).Errors.Should().BeEmpty();
    }
}
