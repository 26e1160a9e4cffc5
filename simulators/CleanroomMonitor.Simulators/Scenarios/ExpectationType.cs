namespace CleanroomMonitor.Simulators.Scenarios;

internal enum ExpectationType
{
    Excursion,
    NoExcursion,
    Rejection,
}
