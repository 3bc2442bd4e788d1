using EventManager.Core.Activity;

namespace EventManager.Web.Infrastructure;

/// <summary>The activity log names the signed-in person; work with no request behind it (start-up, jobs) is "system".</summary>
public sealed class SignedInActor(IHttpContextAccessor http) : ICurrentActor
{
    public string Name => http.HttpContext?.User.Identity?.Name is { Length: > 0 } name ? name : "system";
}
