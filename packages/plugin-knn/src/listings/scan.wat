(module
  (import "env" "memory" (memory 1 65536 shared))
  (func $scan (export "scan") (param $slot i32) (param $from i32) (param $to i32) (param $threshold i32) (param $position i32) (result i32)
    (local $count i32)
    (local $bits i32)
    (local $at i32)
    (local $th v128)
    (local $cap v128)
    (local $t v128)
    (local $acc v128)
    (local $q0 v128)
    (local $q1 v128)
    (local $q2 v128)
    (local $q3 v128)
    (local $q4 v128)
    local.get $slot
    v128.load
    local.set $q0
    local.get $slot
    v128.load offset=16
    local.set $q1
    local.get $slot
    v128.load offset=32
    local.set $q2
    local.get $slot
    v128.load offset=48
    local.set $q3
    local.get $slot
    v128.load offset=64
    local.set $q4
    local.get $threshold
    i32x4.splat
    local.set $th
    i32.const 2147483647
    i32x4.splat
    local.set $cap
    block $blocks
      loop $block
        local.get $from
        local.get $to
        i32.ge_u
        br_if $blocks
        local.get $q0
        local.get $from
        v128.load
        i16x8.sub
        local.tee $t
        local.get $t
        i32x4.dot_i16x8_s
        local.get $q1
        local.get $from
        v128.load offset=16
        i16x8.sub
        local.tee $t
        local.get $t
        i32x4.dot_i16x8_s
        i32x4.add
        local.get $cap
        i32x4.min_u
        local.get $q2
        local.get $from
        v128.load offset=32
        i16x8.sub
        local.tee $t
        local.get $t
        i32x4.dot_i16x8_s
        local.get $q3
        local.get $from
        v128.load offset=48
        i16x8.sub
        local.tee $t
        local.get $t
        i32x4.dot_i16x8_s
        local.get $q4
        local.get $from
        v128.load offset=64
        i16x8.sub
        local.tee $t
        local.get $t
        i32x4.dot_i16x8_s
        i32x4.add
        local.get $cap
        i32x4.min_u
        i32x4.add
        local.get $cap
        i32x4.min_u
        i32x4.add
        local.get $cap
        i32x4.min_u
        local.tee $acc
        local.get $th
        i32x4.le_u
        i32x4.bitmask
        local.tee $bits
        if
          local.get $bits
          i32.const 1
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 3
            i32.shl
            i32.add
            local.tee $at
            local.get $position
            i32.const 0
            i32.add
            i32.store offset=80
            local.get $at
            local.get $acc
            i32x4.extract_lane 0
            i32.store offset=84
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 2
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 3
            i32.shl
            i32.add
            local.tee $at
            local.get $position
            i32.const 1
            i32.add
            i32.store offset=80
            local.get $at
            local.get $acc
            i32x4.extract_lane 1
            i32.store offset=84
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 4
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 3
            i32.shl
            i32.add
            local.tee $at
            local.get $position
            i32.const 2
            i32.add
            i32.store offset=80
            local.get $at
            local.get $acc
            i32x4.extract_lane 2
            i32.store offset=84
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 8
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 3
            i32.shl
            i32.add
            local.tee $at
            local.get $position
            i32.const 3
            i32.add
            i32.store offset=80
            local.get $at
            local.get $acc
            i32x4.extract_lane 3
            i32.store offset=84
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
        end
        local.get $position
        i32.const 4
        i32.add
        local.set $position
        local.get $from
        i32.const 80
        i32.add
        local.set $from
        br $block
      end $block
    end $blocks
    local.get $count
  )
)
