using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProtectedActions.AspNetCore.Tests.Infrastructure;

namespace ProtectedActions.AspNetCore.Tests.Mvc;

/// <summary>An MVC controller with the attribute on actions and on the class.</summary>
[ApiController]
[Route("mvc/things")]
public sealed class ThingsController : ControllerBase
{
    [HttpGet]
    public string List() => "list";

    [HttpPost]
    [ProtectedAction(TestScenario.Create)]
    public string Create() => "created";

    [HttpPut("bank")]
    [Authorize(Roles = "Admin")]
    [ProtectedAction(TestScenario.Workstation)]
    public string UpdateBank() => "bank";
}

/// <summary>Every action of this controller performs the protected action.</summary>
[ApiController]
[Route("mvc/secure")]
[ProtectedAction(TestScenario.Delete)]
public sealed class SecureController : ControllerBase
{
    [HttpDelete("{id}")]
    public string Delete(string id) => "deleted " + id;
}
