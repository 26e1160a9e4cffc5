using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Tests.Security;

public sealed class RoleNamesTests
{
    [Theory]
    [InlineData("Operator", "Operator")]
    [InlineData("Admin", "Administrator")]
    [InlineData("Viewer,QA", "Viewer, QA")]
    [InlineData("system", "system")]
    [InlineData("", "")]
    public void Display_StoredRoleText_ReadableNames(string stored, string expected) => Assert.Equal(expected, RoleNames.Display(stored));
}
