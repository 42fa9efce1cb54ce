namespace ProtectedActions;

/// <summary>Which <c>WWW-Authenticate</c> challenge a step-up decision carries.</summary>
public enum ChallengeFormat
{
    /// <summary>Entra's claims challenge (<c>error="insufficient_claims"</c>, <c>claims="..."</c>), understood by MSAL.</summary>
    Entra,
    /// <summary>RFC 9470's <c>insufficient_user_authentication</c> challenge with <c>acr_values</c> and <c>max_age</c>.</summary>
    Rfc9470,
    /// <summary>Both challenges, as two <c>WWW-Authenticate</c> values.</summary>
    Both,
}
