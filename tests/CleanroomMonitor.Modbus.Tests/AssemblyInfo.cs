// The polling tests measure that devices are polled on time: run them one at a time, not beside each other on a
// shared two-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
