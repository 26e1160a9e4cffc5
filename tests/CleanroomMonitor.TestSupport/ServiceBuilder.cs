using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.TestSupport;

/// <summary>The service's composition root as tests call it (<c>CleanroomMonitorApp.Build</c>). It is handed in rather than
/// referenced because the unit-test projects use this project too and must not depend on the service.</summary>
public delegate WebApplication ServiceBuilder(string[] args, IReadOnlyDictionary<string, string?>? settings, Action<ILoggingBuilder>? configureLogging);
